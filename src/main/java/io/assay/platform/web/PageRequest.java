package io.assay.platform.web;

import java.util.List;
import java.util.Map;

import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * A page of a list as the API takes it ({@code ?page=1&limit=20&sort=-created_at}),
 * checked against the columns a list may be sorted by. The sort column is only ever one
 * of those named in {@code sortable}, so it can go into SQL safely.
 */
public record PageRequest(int page, int limit, String orderBy) {

	public static final int MAX_LIMIT = 100;

	/**
	 * Far beyond any list an organisation holds, and small enough that no offset
	 * overflows.
	 */
	public static final int MAX_PAGE = 100_000;

	/**
	 * @param sortable sort keys the client may use, mapped to the SQL they stand for
	 * @param defaultSort the sort key used when none is given, with an optional leading
	 * {@code -} for descending
	 */
	public static PageRequest of(@Nullable Integer page, @Nullable Integer limit, @Nullable String sort,
			Map<String, String> sortable, String defaultSort) {
		List<FieldProblem> errors = new java.util.ArrayList<>();
		int p = page == null ? 1 : page;
		int l = limit == null ? 20 : limit;
		if (p < 1) {
			errors.add(new FieldProblem("page", Wording.of("page.at-least-one")));
		}
		if (l < 1 || l > MAX_LIMIT) {
			errors.add(new FieldProblem("limit", Wording.of("field.between", 1, MAX_LIMIT)));
		}
		else if (p > MAX_PAGE) {
			errors.add(new FieldProblem("page", Wording.of("field.at-most", MAX_PAGE)));
		}
		String key = sort == null || sort.isBlank() ? defaultSort : sort;
		boolean descending = key.startsWith("-");
		String column = sortable.get(descending ? key.substring(1) : key);
		if (column == null) {
			errors.add(new FieldProblem("sort",
					Wording.of("page.sort", String.join(", ", sortable.keySet().stream().sorted().toList()))));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new PageRequest(p, l, column + (descending ? " desc" : " asc"));
	}

	/**
	 * The size of a page asked for by cursor: as page by page, 20 unless given, 1 to
	 * {@link #MAX_LIMIT}.
	 * @throws InvalidInputException outside those bounds
	 */
	public static int cursorLimit(@Nullable Integer limit) {
		int l = limit == null ? 20 : limit;
		if (l < 1 || l > MAX_LIMIT) {
			throw InvalidInputException.of("limit", Wording.of("field.between", 1, MAX_LIMIT));
		}
		return l;
	}

	/**
	 * The order with a unique column after it, in the same direction, so that rows with
	 * equal sort keys keep one order from page to page and an index on both, in that
	 * direction, serves it without a sort.
	 */
	public String orderByThen(String uniqueColumn) {
		return this.orderBy + ", " + uniqueColumn + (this.orderBy.endsWith(" desc") ? " desc" : " asc");
	}

	public int offset() {
		return (this.page - 1) * this.limit;
	}

	/** The page as the API answers it. */
	public <T> Page<T> answer(List<T> items, long total) {
		return new Page<>(items, this.page, this.limit, total);
	}

	/** One page of a list: {@code {"items":[…],"page":1,"limit":20,"total":N}}. */
	public record Page<T>(List<T> items, int page, int limit, long total) {
	}

}
