package io.assay.reporting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.assay.assessment.Results;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;

/**
 * A report's words in one language: labels, verdicts, reviews and evidence lines, from
 * the {@code report.*} messages. The PDF, the spreadsheet cells and the shared report
 * page all speak through it, so that they say the same things.
 */
public final class ReportWords {

	private final MessageSource messages;

	private final Locale locale;

	private final DateTimeFormatter when;

	public ReportWords(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
		this.when = DateTimeFormatter.ofPattern(text("format.date-time"), locale).withZone(ZoneOffset.UTC);
	}

	public Locale locale() {
		return this.locale;
	}

	/** The message {@code key} with its arguments filled in. */
	public String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, this.locale);
	}

	/** A moment as the report shows it, in UTC; "-" for none. */
	public String when(@Nullable Instant instant) {
		return instant == null ? "-" : this.when.format(instant) + " UTC";
	}

	/** Someone by name, or "a former user" once their account is gone. */
	public String person(@Nullable String name) {
		return name == null ? text("person.former") : name;
	}

	/** The AI's verdict, apart from any review. */
	public String aiVerdict(Results.Result result) {
		return text(result.aiPass() == null ? "report.verdict.undecided"
				: (result.aiPass() ? "report.verdict.passed" : "report.verdict.failed"));
	}

	/** The verdict that counts, as the report words it. */
	public String verdict(Results.Result result) {
		if (result.needsReview()) {
			return text(result.pass() == null ? "report.verdict.undecided-review"
					: (result.pass() ? "report.verdict.passed-review" : "report.verdict.failed-review"));
		}
		return text(Boolean.TRUE.equals(result.pass()) ? "report.verdict.passed" : "report.verdict.failed");
	}

	/**
	 * The judge's reasoning with Assay's notes on it in the report's language; null for
	 * none.
	 */
	public @Nullable String reasoning(Results.Result result) {
		return result.reasoning(this.messages, this.locale);
	}

	/** The AI's confidence: "high confidence". */
	public String confidence(String confidence) {
		return text("confidence." + confidence);
	}

	/** Where an evidence item is: "page 3", "pages 3–4 (printed 172)", or empty. */
	public String pages(Results.EvidenceItem item) {
		if (item.page() == null) {
			return "";
		}
		String pages = item.onePage() ? text("evidence.page", item.page())
				: text("evidence.pages", item.page(), item.endPage());
		return item.printedPage() == null ? pages : pages + " " + text("evidence.printed", item.printedPage());
	}

	/**
	 * An evidence item as one line: "file, page 3, 3.2 Test results: "quote"", then what
	 * the check found (verified, weak, differing with the document's words, or not
	 * found), and the sentence the quote stands in.
	 */
	public String evidence(JsonNode stored) {
		Results.EvidenceItem item = Results.EvidenceItem.of(stored);
		StringBuilder line = new StringBuilder(item.fileName());
		String pages = pages(item);
		if (!pages.isEmpty()) {
			line.append(", ").append(pages);
		}
		if (item.section() != null) {
			line.append(", ").append(item.section());
		}
		line.append(": \u201c").append(item.quote()).append("\u201d (");
		line.append(text(switch (item.strength()) {
			case "weak" -> "report.evidence.weak";
			case "differs" -> "report.evidence.differs";
			case "not_found" -> "report.evidence.not-found";
			default -> "report.evidence.proof";
		}));
		if (item.hasContext()) {
			line.append(text(
					item.strength().equals("differs") ? "report.evidence.document-says" : "report.evidence.in-context",
					item.before() + item.text() + item.after()));
		}
		return line.append(')').toString();
	}

	/**
	 * What the AI read for a criterion: "Read 5 of 23 pages: agreement.pdf 1–4, 17", or
	 * "Read all 12 pages"; empty when nothing was recorded.
	 */
	public String read(Results.Result result) {
		Results.PagesRead pages = result.pagesRead();
		if (pages == null) {
			return "";
		}
		if (pages.all()) {
			return text("card.read-all", pages.total());
		}
		String head = text("card.read-some", pages.read(), pages.total());
		return result.readFrom().isEmpty() ? head : head + ": " + String.join("; ",
				result.readFrom().stream().map(part -> part.fileName() + " " + part.pages()).toList());
	}

	/** A review as one line, or empty. */
	public String review(Results.Result result) {
		Results.Review review = result.review();
		if (review == null) {
			return "";
		}
		String who = person(review.reviewedBy() == null ? null : review.reviewedBy().name());
		String said = result.aiPass() == null ? text("verdict.undecided")
				: text(result.aiPass() ? "verdict.passed" : "verdict.failed");
		String line = review.decision().equals("overrule")
				? text("report.review.overruled", said, who, when(review.reviewedAt()))
				: text("report.review.confirmed", who, when(review.reviewedAt()));
		return review.comment() == null ? line : line + ": " + review.comment();
	}

}
