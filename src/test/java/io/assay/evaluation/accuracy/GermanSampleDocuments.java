package io.assay.evaluation.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;

/**
 * Writes the German sample documents of {@code samples/sample-set-de.json}: the technical
 * documentation and test report of a fictitious infusion pump, with known defects (no UDI
 * on the label, a failed test, an unsigned report, no biological evaluation). Run once;
 * the PDFs are kept in {@code src/main/resources/samples/}.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *     io.assay.evaluation.accuracy.GermanSampleDocuments src/main/resources/samples
 * </pre>
 */
public final class GermanSampleDocuments {

	private GermanSampleDocuments() {
	}

	public static void main(String[] arguments) throws IOException {
		Path directory = Path.of(arguments.length > 0 ? arguments[0] : "src/main/resources/samples");
		Files.write(directory.resolve("ip200-produktbeschreibung.pdf"), SampleFiles.pdf(List.of(new PageText(
				"1 Produktbeschreibung",
				List.of("Die InfuMed IP-200 ist eine volumetrische Infusionspumpe für Erwachsene im Krankenhaus.",
						"Zweckbestimmung: Die Pumpe dient der kontrollierten intravenösen Gabe von",
						"Arzneimitteln und Infusionslösungen. Anwender sind ausgebildete Pflegekräfte", "und Ärzte.",
						"2 Klassifizierung",
						"Das Produkt ist nach Regel 12 des Anhangs VIII der MDR der Klasse IIb zugeordnet.")),
				new PageText("3 Sterilisation", List.of(
						"Das Infusionsset wird mit Ethylenoxid sterilisiert; die Validierung erfolgte nach",
						"EN ISO 11135:2014.", "4 Software",
						"Die Software ist nach EN 62304 der Sicherheitsklasse B zugeordnet.", "5 Kennzeichnung",
						"Die Kennzeichnung enthält Name und Anschrift des Herstellers, die Seriennummer und",
						"das CE-Zeichen mit der Kennnummer der Benannten Stelle. Die Kennzeichnung enthält keine UDI.")))));
		Files.write(directory.resolve("ip200-pruefbericht-elektrische-sicherheit.pdf"),
				SampleFiles.pdf(List.of(
						new PageText("Prüfbericht Nr. PB-2026-114",
								List.of("1 Prüfgrundlage",
										"Die Prüfungen wurden nach IEC 60601-1:2005+AMD1:2012+AMD2:2020 durchgeführt.",
										"2 Prüfmittel", "Ableitstrommessgerät LM-5, kalibriert bis 2027-05-31.",
										"Hochspannungsprüfgerät HP-3, kalibriert bis 2027-02-28.")),
						new PageText("3 Ergebnisse",
								List.of("8.7.3 Ableitströme: bestanden", "8.8.3 Spannungsfestigkeit: bestanden",
										"11.1 Übertemperaturen: nicht bestanden", "4 Freigabe",
										"Der Bericht ist nicht unterschrieben.")))));
	}

}
