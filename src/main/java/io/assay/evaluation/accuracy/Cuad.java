package io.assay.evaluation.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.document.PdfFiles;
import io.assay.evaluation.Citation;
import io.assay.evaluation.DocumentText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CUAD v1 contracts as real PDFs (The Atticus Project, CC BY 4.0): one case per contract
 * and yes/no clause category, {@code Yes} with the pages and text of the clause (where
 * the labellers left text out, marked {@code <omitted>}, an ellipsis as a judge would
 * write).
 */
public final class Cuad {

	private Cuad() {
	}

	/**
	 * @param directory holds {@code verdicts.jsonl} and the {@code pdf/} folder
	 * @param contracts how many contracts to read at most (in the file's order)
	 */
	public static LabelledSet read(Path directory, int contracts) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, DocumentText> documents = new LinkedHashMap<>();
		List<LabelledCase> cases = new ArrayList<>();
		UUID bucket = UUID.nameUUIDFromBytes("contracts".getBytes());
		for (String line : Files.readAllLines(directory.resolve("verdicts.jsonl"))) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode verdict = json.readTree(line);
			String pdf = verdict.get("pdf").asString();
			if (!documents.containsKey(pdf) && documents.size() >= contracts) {
				continue;
			}
			DocumentText document = documents.get(pdf);
			if (document == null) {
				document = new DocumentText(UUID.nameUUIDFromBytes(pdf.getBytes()), verdict.get("contract").asString(),
						bucket, PdfFiles.read(directory.resolve(pdf)));
				documents.put(pdf, document);
			}
			Set<Integer> pages = new LinkedHashSet<>();
			List<Citation> gold = new ArrayList<>();
			for (JsonNode evidence : verdict.get("evidence")) {
				evidence.get("pages").forEach(page -> pages.add(page.asInt()));
				JsonNode first = evidence.get("pages").get(0);
				gold.add(new Citation(document.documentId(), first == null ? null : first.asInt(), null,
						evidence.path("text").asString("").replace("<omitted>", " \u2026 ")));
			}
			cases.add(new LabelledCase(verdict.get("criterion").asString(),
					verdict.get("criterion_description").asString(), List.of(document),
					verdict.get("answer").asString().equals("Yes"), Map.of(document.documentId(), pages), gold));
		}
		return new LabelledSet("CUAD v1 contracts (" + directory + ")", documents.size(), cases);
	}

}
