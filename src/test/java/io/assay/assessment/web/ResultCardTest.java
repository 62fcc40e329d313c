package io.assay.assessment.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.assay.TestMessages;
import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.evaluation.Reasoning;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result's card as the results page shows it, written with Assay's own messages: what
 * the AI and a reviewer said, each evidence item by its strength, what was read, and
 * every text from a person, a document or the model escaped.
 */
class ResultCardTest {

	private static final String MARKUP = "<script>alert('x')</script> & \"quoted\"";

	private final MessageSource messages = TestMessages.assays();

	@Test
	void everyTextFromAPersonADocumentOrTheModelIsEscaped() {
		UUID document = UUID.randomUUID();
		JsonNode items = JsonMapper.shared()
			.readTree("""
					[{"document_id": "%s", "file_name": "%s.pdf", "page": 2, "section": "%s", "quote": "%s",
					  "strength": "proof", "verified": true,
					  "context": {"before": "%s", "text": "%s", "after": "%s"}}]
					""".formatted(document, json(MARKUP), json(MARKUP), json(MARKUP), json(MARKUP), json(MARKUP),
					json(MARKUP)));
		Results.Result result = result(MARKUP, true, true, "high", false, items, Reasoning.said(MARKUP), MARKUP,
				new Results.Review("overrule", true, MARKUP, new Results.Reviewer(UUID.randomUUID(), MARKUP),
						Instant.parse("2026-12-03T09:30:00Z")),
				List.of(new Results.ReadFrom(document, MARKUP + ".pdf", "pdf", 2, "2–3")));
		ResultComments.Comment comment = new ResultComments.Comment(UUID.randomUUID(), result.id(), null, MARKUP,
				MARKUP, Instant.parse("2026-12-03T10:00:00Z"));

		String card = card(Locale.ENGLISH).html(result, List.of(comment), true);

		assertThat(card).doesNotContain("<script>", "alert('x')", "\"quoted\"")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
		assertThat(card.split("&lt;script&gt;", -1)).as("name, reasoning, reviewer, comment, file names, context")
			.hasSizeGreaterThan(10);
	}

	@Test
	void aReviewedResultSaysWhoDecidedWhatAndWhatTheAiSaid() {
		Results.Result result = result("Intended purpose", false, true, "high", false,
				JsonMapper.shared().readTree("[]"), null, "claude-sonnet-4-5",
				new Results.Review("overrule", false, "Not the device's purpose",
						new Results.Reviewer(UUID.randomUUID(), "Anna Berg"), Instant.parse("2026-12-03T09:30:00Z")),
				List.of());

		String english = card(Locale.ENGLISH).html(result, null, false);
		String german = card(Locale.GERMAN).html(result, null, false);

		assertThat(english).contains("data-reviewed=\"true\"", "<span class=\"badge fail\">Reviewer: failed</span>",
				"AI: passed, high confidence", "<strong>Overruled</strong>", "by Anna Berg, 3 Dec 2026, 09:30 UTC",
				"<span>: Not the device&#39;s purpose</span>", "Comments (0)");
		assertThat(english).as("no buttons where the reader may not review").doesNotContain("data-decision");
		assertThat(german).contains("Anna Berg").doesNotContain("Reviewer: failed", "Overruled");
	}

	@Test
	void eachStrengthOfEvidenceHasItsBadgeAndADifferingQuoteStandsBesideTheDocumentsText() {
		UUID document = UUID.randomUUID();
		JsonNode items = JsonMapper.shared().readTree("""
				[{"document_id": "%1$s", "file_name": "report.pdf", "page": 3, "end_page": 4, "printed_page": "ii",
				  "quote": "The device is sterile", "strength": "proof",
				  "context": {"before": "Section 2. ", "text": "The device is sterile", "after": " when shipped."}},
				 {"document_id": "%1$s", "file_name": "report.pdf", "page": 5, "quote": "the", "strength": "weak",
				  "note": "too short", "why": {"key": "evidence.why.common-words", "arguments": []}},
				 {"document_id": "%1$s", "file_name": "notes.docx", "page": 1, "quote": "is not sterile",
				  "strength": "differs",
				  "context": {"before": "It ", "text": "is sterile", "after": "."}},
				 {"file_name": "", "quote": "made up", "strength": "not_found", "note": "Not found"}]
				""".formatted(document));
		Results.Result result = result("Sterility", null, null, "low", true, items, null, "offline", null,
				List.of(new Results.ReadFrom(document, "report.pdf", "pdf", 3, "3–5"),
						new Results.ReadFrom(UUID.randomUUID(), "notes.docx", "docx", 1, "1")));

		String card = card(Locale.ENGLISH).html(result, null, true);

		assertThat(card).contains("<span class=\"badge review\">! Not decided: needs review</span>",
				"AI, low confidence · offline checker · not reviewed yet");
		assertThat(card).contains(
				"href=\"/app/v1/documents/" + document + "\" data-result-id=\"" + result.id()
						+ "\" data-index=\"0\" data-document-id=\"" + document
						+ "\" data-page=\"3\" data-file-type=\"pdf\">report.pdf, pages 3–4 (printed ii)</a>",
				"<span class=\"badge pass\">✓ Verified</span>",
				"<blockquote class=\"quote in-context\"><span>Section 2. </span><mark>The device is sterile</mark>"
						+ "<span> when shipped.</span></blockquote>");
		assertThat(card).contains("<span class=\"badge neutral\">Weak: not proof</span>",
				"<span class=\"small muted evidence-note\">Weak: made of common words only");
		assertThat(card).contains("data-file-type=\"other\">notes.docx, page 1</a>",
				"<q class=\"quote\">is not sterile</q>", "<mark>is sterile</mark>");
		assertThat(card).as("an item whose document is not known")
			.contains("data-index=\"3\"></a>")
			.contains("<span class=\"badge review\">! Unverified: not found in the documents</span>",
					"<q class=\"quote\">made up</q>")
			.doesNotContain(">Not found<");
		assertThat(card).contains("Read 2 of 9 pages</span>: <a class=\"read-link\" href=\"/app/v1/documents/"
				+ document + "\" data-document-id=\"" + document
				+ "\" data-page=\"3\" data-file-name=\"report.pdf\">report.pdf 3–5</a><span>; </span><span>notes.docx 1</span></p>");
		assertThat(card).as("undecided: no confirming, deciding instead")
			.doesNotContain("data-decision=\"confirm\"")
			.contains("data-ai-said=\"undecided\">Decide…</button>");
	}

	private ResultCard card(Locale locale) {
		return new ResultCard(this.messages, locale, "/app");
	}

	private static Results.Result result(String name, Boolean pass, Boolean aiPass, String confidence,
			boolean needsReview, JsonNode items, Reasoning reasoning, String judge, Results.Review review,
			List<Results.ReadFrom> readFrom) {
		return new Results.Result(UUID.randomUUID(), UUID.randomUUID(), name, pass, aiPass, confidence, needsReview,
				null, items, reasoning, judge, review, false, "verdict", readFrom.isEmpty() ? null : "read",
				readFrom.isEmpty() ? null : new Results.PagesRead(2, 9), readFrom);
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
