package io.assay.evaluation.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The ContractNLI reader reads as many documents as asked, with their labelled spans. */
class ContractNliTest {

	@Test
	void readsAtMostTheDocumentsAskedForWithTheirSpansAsQuotes(@TempDir Path directory) throws Exception {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String text = "Agreement " + i + ".\nThe Receiving Party shall not reverse engineer any sample.\n";
			documents.add(Map.of("id", "doc-" + i, "file_name", "nda-" + i + ".pdf", "text", text, "spans",
					List.of(List.of(0, 12), List.of(13, text.length() - 1)), "annotation_sets", List.of(Map
						.of("annotations", Map.of("nda-11", Map.of("choice", "Entailment", "spans", List.of(1)))))));
		}
		Path file = directory.resolve("dev.json");
		Files.writeString(file, JsonMapper.builder()
			.build()
			.writeValueAsString(Map.of("documents", documents, "labels", Map.of("nda-11",
					Map.of("short_description", "No reverse engineering", "hypothesis", "No reverse engineering.")))));

		LabelledSet two = ContractNli.read(file, 2);

		assertThat(two.documents()).isEqualTo(2);
		assertThat(two.cases()).hasSize(2).allSatisfy(labelled -> {
			assertThat(labelled.expectedPass()).isTrue();
			assertThat(labelled.goldEvidence()).singleElement()
				.satisfies(gold -> assertThat(gold.quote())
					.isEqualTo("The Receiving Party shall not reverse engineer any sample."));
		});
		assertThat(ContractNli.read(file, 10).documents()).isEqualTo(3);
	}

}
