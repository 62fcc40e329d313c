package io.assay.assessment.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import io.assay.assessment.Results;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/** The lists a reviewer narrows the results page to. */
enum ResultFilter {

	ALL("all", result -> true),

	FAILED("failed", result -> Boolean.FALSE.equals(result.pass())),

	NEEDS_REVIEW("needs-review", Results.Result::needsReview),

	NOT_REVIEWED("not-reviewed", result -> result.review() == null);

	/**
	 * A filter as a link on the page: its key (its words are the message
	 * {@code results.filter.KEY}) and how many results it shows.
	 */
	record Choice(String key, long count) {
	}

	private final String key;

	private final Predicate<Results.Result> shows;

	ResultFilter(String key, Predicate<Results.Result> shows) {
		this.key = key;
		this.shows = shows;
	}

	/**
	 * @throws InvalidInputException for a filter the page does not have
	 */
	static ResultFilter of(@Nullable String key) {
		if (key == null || key.isEmpty()) {
			return ALL;
		}
		return Arrays.stream(values())
			.filter(filter -> filter.key.equals(key))
			.findFirst()
			.orElseThrow(() -> InvalidInputException.of("filter",
					Wording.of("field.one-of", Arrays.stream(values()).map(ResultFilter::key).toList() + ".")));
	}

	static List<Choice> choices(List<Results.Result> results) {
		return Arrays.stream(values()).map(filter -> new Choice(filter.key, filter.count(results, false))).toList();
	}

	String key() {
		return this.key;
	}

	boolean shows(Results.Result result) {
		return this.shows.test(result);
	}

	/** How many results this filter shows, or with {@code inverted}, hides. */
	long count(List<Results.Result> results, boolean inverted) {
		return results.stream().filter(result -> shows(result) != inverted).count();
	}

}
