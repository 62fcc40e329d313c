package io.assay.evaluation.accuracy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.evaluation.Citation;
import io.assay.evaluation.DocumentText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ContractNLI (Koreeda and Manning, 2021, CC BY 4.0): non-disclosure agreements as plain
 * text and fixed hypotheses; {@code Entailment} is a pass, {@code Contradiction} and
 * {@code NotMentioned} are fails. The texts have no pages, so each is cut into pages of
 * about {@value #PAGE_CHARACTERS} characters at line ends (a printed page holds about as
 * much), and the evidence spans are mapped to those pages.
 */
public final class ContractNli {

	static final int PAGE_CHARACTERS = 3000;

	private ContractNli() {
	}

	public static LabelledSet read(Path file, int documents) throws IOException {
		JsonNode data = JsonMapper.builder().build().readTree(file.toFile());
		JsonNode labels = data.get("labels");
		UUID bucket = UUID.nameUUIDFromBytes("agreements".getBytes());
		List<LabelledCase> cases = new ArrayList<>();
		int read = 0;
		for (JsonNode document : data.get("documents")) {
			if (read >= documents) {
				break;
			}
			read++;
			String text = document.get("text").asString();
			List<Integer> pageStarts = new ArrayList<>();
			ParsedDocument parsed = paged(text, pageStarts);
			DocumentText agreement = new DocumentText(UUID.nameUUIDFromBytes(document.get("id").asString().getBytes()),
					document.get("file_name").asString(), bucket, parsed);
			JsonNode spans = document.get("spans");
			JsonNode annotations = document.get("annotation_sets").get(0).get("annotations");
			for (Iterator<Map.Entry<String, JsonNode>> it = annotations.properties().iterator(); it.hasNext();) {
				Map.Entry<String, JsonNode> annotation = it.next();
				JsonNode hypothesis = labels.get(annotation.getKey());
				String choice = annotation.getValue().get("choice").asString();
				Set<Integer> pages = new LinkedHashSet<>();
				List<Citation> gold = new ArrayList<>();
				for (JsonNode span : annotation.getValue().get("spans")) {
					int start = spans.get(span.asInt()).get(0).asInt();
					int page = pageOf(start, pageStarts);
					pages.add(page);
					gold.add(new Citation(agreement.documentId(), page, null,
							text.substring(start, spans.get(span.asInt()).get(1).asInt())));
				}
				cases.add(new LabelledCase(hypothesis.get("short_description").asString(),
						hypothesis.get("hypothesis").asString(), List.of(agreement), choice.equals("Entailment"),
						Map.of(agreement.documentId(), pages), gold));
			}
		}
		return new LabelledSet("ContractNLI dev (" + file + ")", read, cases);
	}

	private static ParsedDocument paged(String text, List<Integer> pageStarts) {
		List<ParsedDocument.Page> pages = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = Math.min(text.length(), start + PAGE_CHARACTERS);
			if (end < text.length()) {
				int lineEnd = text.lastIndexOf('\n', end);
				end = lineEnd > start ? lineEnd + 1 : end;
			}
			pageStarts.add(start);
			pages.add(new ParsedDocument.Page(pages.size() + 1, 0, 0, text.substring(start, end), List.of(),
					ParsedDocument.TextSource.TEXT_LAYER, null));
			start = end;
		}
		return new ParsedDocument("text", true, pages, List.of());
	}

	private static int pageOf(int offset, List<Integer> pageStarts) {
		int page = 1;
		for (int i = 0; i < pageStarts.size(); i++) {
			if (pageStarts.get(i) <= offset) {
				page = i + 1;
			}
		}
		return page;
	}

}
