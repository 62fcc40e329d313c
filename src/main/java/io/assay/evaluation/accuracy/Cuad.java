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

import io.assay.document.ParsedDocument;
import io.assay.document.PdfFiles;
import io.assay.evaluation.Citation;
import io.assay.evaluation.DocumentText;
import io.assay.evaluation.QuoteText;
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
				String quote = evidence.path("text").asString("").replace("<omitted>", " \u2026 ");
				List<Integer> labelledPages = new ArrayList<>();
				evidence.get("pages").forEach(page -> labelledPages.add(page.asInt()));
				if (labelledPages.isEmpty()) {
					labelledPages.addAll(placed(document.parsed(), quote));
				}
				pages.addAll(labelledPages);
				gold.add(new Citation(document.documentId(), labelledPages.isEmpty() ? null : labelledPages.getFirst(),
						null, quote));
			}
			cases.add(new LabelledCase(verdict.get("criterion").asString(),
					verdict.get("criterion_description").asString(), List.of(document),
					verdict.get("answer").asString().equals("Yes"), Map.of(document.documentId(), pages), gold));
		}
		return new LabelledSet("CUAD v1 contracts (" + directory + ")", documents.size(), cases);
	}

	/**
	 * The pages of a labelled quote that the data gives none for (16 of its 951; its
	 * offsets could not be put on a page): where the longest piece of the quote stands,
	 * whitespace and hyphens aside, on one page or across a page break, when it stands in
	 * one place only; none otherwise.
	 */
	static List<Integer> placed(ParsedDocument parsed, String quote) {
		String longest = QuoteText.pieces(quote)
			.stream()
			.map(piece -> loose(piece))
			.max(java.util.Comparator.comparingInt(String::length))
			.orElse("");
		if (longest.isEmpty()) {
			return List.of();
		}
		List<ParsedDocument.Page> all = parsed.pages();
		List<List<Integer>> places = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			String page = loose(all.get(i).text());
			String next = i + 1 < all.size() ? loose(all.get(i + 1).text()) : "";
			if (page.contains(longest)) {
				places.add(List.of(all.get(i).number()));
			}
			else if (!next.contains(longest) && (page + next).contains(longest)) {
				places.add(List.of(all.get(i).number(), all.get(i + 1).number()));
			}
		}
		return places.size() == 1 ? places.getFirst() : List.of();
	}

	private static String loose(String text) {
		return QuoteText.normalize(text).replaceAll("[\\s-]", "");
	}

}
