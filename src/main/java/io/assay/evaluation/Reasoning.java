package io.assay.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonValue;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Why a criterion got its verdict: what the judge said, in its own words, and what Assay
 * noted about the answer (evidence not found, pages not read, the provider away). The
 * notes are kept as messages so that each reader sees them in their own language; the
 * judge's words stay as the judge wrote them. The API and the sign-off record use the
 * English wording.
 *
 * @param said the judge's own reasoning, empty when there was no answer
 * @param notes Assay's notes, in the order they were made
 */
public record Reasoning(String said, List<Wording> notes) {

	public Reasoning {
		notes = List.copyOf(notes);
	}

	/** Only the judge's words, for results written before notes were kept apart. */
	public static Reasoning said(String said) {
		return new Reasoning(said, List.of());
	}

	/** Only Assay's notes: the judge gave no answer. */
	public static Reasoning noted(Wording... notes) {
		return new Reasoning("", List.of(notes));
	}

	/** The reasoning with one more note. */
	public Reasoning and(Wording note) {
		return new Reasoning(this.said, Stream.concat(this.notes.stream(), Stream.of(note)).toList());
	}

	@JsonValue
	public String english() {
		return joined(this.notes.stream().map(Wording::english));
	}

	/** The judge's words, then the notes in the reader's language. */
	public String in(MessageSource messages, Locale locale) {
		return joined(this.notes.stream().map(note -> note.in(messages, locale)));
	}

	private String joined(Stream<String> notes) {
		return String.join(" ", Stream.concat(Stream.of(this.said), notes).filter(part -> !part.isBlank()).toList());
	}

	/** As stored: the judge's words in one column and the notes as JSON in another. */
	public static @Nullable Reasoning of(@Nullable String said, List<Wording> notes) {
		return said == null && notes.isEmpty() ? null : new Reasoning(said == null ? "" : said, notes);
	}

}
