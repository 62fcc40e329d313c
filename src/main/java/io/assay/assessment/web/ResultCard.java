package io.assay.assessment.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes one criterion's result as a card of the results page. A run shows up to 200 of
 * them, and rendering them through the template engine was four fifths of the first view
 * of a run's page (some 25 ms of expression evaluation and attribute processing a view);
 * written out here they take a fraction of a millisecond each. The forms a card opens are
 * the page's templates ({@code assessment/result-card.html}: {@code forms}), made into a
 * form by {@code assessment-review.js} when opened. Every text from a user, a document or
 * the model is escaped; nothing in a card depends on the request, so a card can be kept
 * and shown to every reader with the same language and rights.
 */
final class ResultCard {

	private final MessageSource messages;

	private final Locale locale;

	private final String documentsPath;

	private final DateTimeFormatter reviewedAt;

	private final DateTimeFormatter commentedAt;

	/**
	 * @param contextPath the application's path, which links to documents start with
	 */
	ResultCard(MessageSource messages, Locale locale, String contextPath) {
		this.messages = messages;
		this.locale = locale;
		this.documentsPath = contextPath + "/v1/documents/";
		this.reviewedAt = DateTimeFormatter.ofPattern(message("format.date-time"), locale).withZone(ZoneOffset.UTC);
		this.commentedAt = DateTimeFormatter.ofPattern(message("format.day-time"), locale).withZone(ZoneOffset.UTC);
	}

	/**
	 * The card of {@code result}, with its comments, and the buttons to review it when
	 * {@code reviewable} (the reader runs assessments and the run is not signed off).
	 */
	String html(Results.Result result, @Nullable List<ResultComments.Comment> comments, boolean reviewable) {
		StringBuilder html = new StringBuilder(2048);
		String id = result.id().toString();
		String aiSaid = result.aiPass() == null ? message("verdict.undecided")
				: message(result.aiPass() ? "verdict.passed" : "verdict.failed");
		String confidence = message("confidence." + result.confidence());
		html.append("<li class=\"criterion result\" tabindex=\"-1\" data-result-id=\"")
			.append(id)
			.append("\" data-reviewed=\"")
			.append(result.review() != null)
			.append("\" aria-labelledby=\"criterion-")
			.append(id)
			.append("\">\n  <h3 id=\"criterion-")
			.append(id)
			.append("\">")
			.append(text(result.criteriaName()))
			.append("</h3>\n");
		verdict(html, result, aiSaid, confidence);
		html.append("  <p class=\"small reasoning\"><span class=\"label\">")
			.append(text(message("card.reasoning")))
			.append("</span> <span>")
			.append(text(result.reasoning(this.messages, this.locale)))
			.append("</span></p>\n  <ul class=\"evidence-list\">\n");
		List<Results.EvidenceItem> items = result.items();
		for (int index = 0; index < items.size(); index++) {
			evidence(html, id, index, items.get(index));
		}
		html.append("  </ul>\n");
		pagesRead(html, result);
		if (reviewable) {
			reviewButtons(html, result.aiPass(), aiSaid);
		}
		comments(html, comments);
		return html.append("</li>\n").toString();
	}

	/**
	 * The verdict: the reviewer's with what the AI said, or the AI's not reviewed yet.
	 */
	private void verdict(StringBuilder html, Results.Result result, String aiSaid, String confidence) {
		Results.Review review = result.review();
		html.append("  <p class=\"verdict\">\n");
		if (review != null) {
			html.append("    <span class=\"badge ")
				.append(review.pass() ? "pass" : "fail")
				.append("\">")
				.append(text(message("card.reviewer", message(review.pass() ? "verdict.passed" : "verdict.failed"))))
				.append("</span>\n    <span class=\"small ai-verdict\">")
				.append(text(message("card.ai-said", aiSaid, confidence)))
				.append("</span>\n  </p>\n  <p class=\"small review-note\">\n    <strong>")
				.append(text(message("overrule".equals(review.decision()) ? "card.overruled" : "card.confirmed")))
				.append("</strong>\n    <span>")
				.append(text(message("card.by",
						review.reviewedBy() == null ? message("person.former") : review.reviewedBy().name(),
						this.reviewedAt.format(review.reviewedAt()) + " UTC")))
				.append("</span>");
			if (review.comment() != null) {
				html.append("<span>").append(text(": " + review.comment())).append("</span>");
			}
			html.append("\n  </p>\n");
			return;
		}
		Boolean pass = result.pass();
		if (!result.needsReview() && pass != null) {
			html.append(pass ? "    <span class=\"badge pass\">" : "    <span class=\"badge fail\">")
				.append(text(message(pass ? "card.passed" : "card.failed")))
				.append("</span>\n");
		}
		if (result.needsReview()) {
			html.append("    <span class=\"badge review\">")
				.append(text(message(
						pass == null ? "card.undecided-review" : pass ? "card.passed-review" : "card.failed-review")))
				.append("</span>\n");
		}
		String judge = "offline".equals(result.judge()) ? message("card.offline-checker") : result.judge();
		html.append("    <span class=\"muted small\">")
			.append(text(message("card.ai-not-reviewed", confidence, judge)))
			.append("</span>\n  </p>\n");
	}

	/**
	 * One evidence item: a link to its place in the document, how strong it is and why,
	 * and the document's own sentence around the quote (beside the quote when they
	 * differ).
	 */
	private void evidence(StringBuilder html, String resultId, int index, Results.EvidenceItem item) {
		String strength = item.strength();
		html.append("    <li class=\"evidence-")
			.append(text(strength))
			.append("\" data-strength=\"")
			.append(text(strength))
			.append("\">\n      <a class=\"small evidence-link\" href=\"")
			.append(this.documentsPath)
			.append(item.documentId() == null ? "" : text(item.documentId()))
			.append("\" data-result-id=\"")
			.append(resultId)
			.append("\" data-index=\"")
			.append(index)
			.append('"');
		if (item.documentId() != null) {
			html.append(" data-document-id=\"").append(text(item.documentId())).append('"');
		}
		if (item.page() != null) {
			html.append(" data-page=\"").append(item.page()).append('"');
		}
		if (item.documentId() != null) {
			html.append(" data-file-type=\"")
				.append(item.fileName().toLowerCase(Locale.ROOT).endsWith(".pdf") ? "pdf" : "other")
				.append('"');
		}
		html.append('>').append(text(item.fileName() + where(item)));
		if (item.section() != null) {
			html.append(text(", " + item.section()));
		}
		html.append("</a>\n");
		String badge = switch (strength) {
			case "proof" -> "<span class=\"badge pass\">" + text(message("evidence.proof"));
			case "weak" -> "<span class=\"badge neutral\">" + text(message("evidence.weak"));
			case "differs" -> "<span class=\"badge review\">" + text(message("evidence.differs"));
			case "not_found" -> "<span class=\"badge review\">" + text(message("evidence.not-found"));
			default -> null;
		};
		if (badge != null) {
			html.append("      ").append(badge).append("</span>\n");
		}
		if (item.note() != null && !"not_found".equals(strength)) {
			html.append("      <span class=\"small muted evidence-note\">")
				.append(text(item.note(this.messages, this.locale)))
				.append("</span>\n");
		}
		if (!item.hasContext()) {
			html.append("      <q class=\"quote\">").append(text(item.quote())).append("</q>\n");
		}
		else if ("differs".equals(strength)) {
			html.append("      <div class=\"differs\">\n        <div><span class=\"small muted\">")
				.append(text(message("evidence.quoted-by-ai")))
				.append("</span><q class=\"quote\">")
				.append(text(item.quote()))
				.append("</q></div>\n        <div><span class=\"small muted\">")
				.append(text(message("evidence.document-says")))
				.append("</span>\n          ");
			inContext(html, item);
			html.append("</div>\n      </div>\n");
		}
		else {
			html.append("        ");
			inContext(html, item);
			html.append('\n');
		}
		html.append("    </li>\n");
	}

	/** The quote marked within the document's own text around it. */
	private static void inContext(StringBuilder html, Results.EvidenceItem item) {
		html.append("<blockquote class=\"quote in-context\"><span>")
			.append(text(item.before()))
			.append("</span><mark>")
			.append(text(item.text()))
			.append("</mark><span>")
			.append(text(item.after()))
			.append("</span></blockquote>");
	}

	/** Where in its document an item is: ", page 3 (printed 1)", or nothing. */
	private String where(Results.EvidenceItem item) {
		if (item.page() == null) {
			return "";
		}
		String pages = item.onePage() ? message("evidence.page", item.page())
				: message("evidence.pages", item.page(), item.endPage());
		return ", " + pages + (item.printedPage() == null ? "" : " " + message("evidence.printed", item.printedPage()));
	}

	/** What the AI read for the criterion: how many pages, and which, as links. */
	private void pagesRead(StringBuilder html, Results.Result result) {
		if (result.read() == null) {
			return;
		}
		Results.PagesRead read = result.pagesRead();
		html.append("  <p class=\"small muted what-was-read\"><span>")
			.append(read == null ? ""
					: text(read.all() ? message("card.read-all", read.total())
							: message("card.read-some", read.read(), read.total())))
			.append("</span>");
		List<Results.ReadFrom> parts = result.readFrom();
		if (!parts.isEmpty()) {
			html.append(": ");
			for (int i = 0; i < parts.size(); i++) {
				Results.ReadFrom part = parts.get(i);
				String label = text(part.fileName() + " " + part.pages());
				if ("pdf".equals(part.fileType())) {
					html.append("<a class=\"read-link\" href=\"")
						.append(this.documentsPath)
						.append(part.documentId())
						.append("\" data-document-id=\"")
						.append(part.documentId())
						.append("\" data-page=\"")
						.append(part.firstPage())
						.append("\" data-file-name=\"")
						.append(text(part.fileName()))
						.append("\">")
						.append(label)
						.append("</a>");
				}
				else {
					html.append("<span>").append(label).append("</span>");
				}
				if (i < parts.size() - 1) {
					html.append("<span>; </span>");
				}
			}
		}
		html.append("</p>\n");
	}

	/** Confirm (when the AI decided) and overrule or decide. */
	private void reviewButtons(StringBuilder html, @Nullable Boolean aiPass, String aiSaid) {
		html.append("  <p class=\"actions review-actions\">\n");
		if (aiPass != null) {
			html.append("    <button type=\"button\" class=\"button secondary small\" data-decision=\"confirm\""
					+ " aria-keyshortcuts=\"c\">")
				.append(text(message("card.confirm", aiSaid)))
				.append("</button>\n");
		}
		html.append("    <button type=\"button\" class=\"button secondary small open-overrule\" aria-keyshortcuts=\"o\""
				+ " aria-expanded=\"false\" data-ai-said=\"")
			.append(aiPass == null ? "undecided" : aiPass ? "passed" : "failed")
			.append("\">")
			.append(text(message(aiPass == null ? "card.decide" : "card.overrule")))
			.append("</button>\n  </p>\n  <p class=\"error small review-error\" role=\"alert\" hidden></p>\n");
	}

	private void comments(StringBuilder html, @Nullable List<ResultComments.Comment> comments) {
		html.append("  <details class=\"comments\">\n    <summary class=\"small\">")
			.append(text(message("card.comments", comments == null ? 0 : comments.size())))
			.append("</summary>\n");
		if (comments != null) {
			html.append("    <ol>\n");
			for (ResultComments.Comment comment : comments) {
				html.append("      <li><strong>")
					.append(text(comment.authorName()))
					.append("</strong>\n        <span class=\"muted\">")
					.append(text(this.commentedAt.format(comment.createdAt())))
					.append("</span>:\n        <span>")
					.append(text(comment.body()))
					.append("</span></li>\n");
			}
			html.append("    </ol>\n");
		}
		html.append("  </details>\n");
	}

	private String message(String key, @Nullable Object... arguments) {
		return this.messages.getMessage(key, arguments, this.locale);
	}

	/** Text as HTML: markup characters and quotes escaped, nothing for none. */
	private static String text(@Nullable String text) {
		return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
