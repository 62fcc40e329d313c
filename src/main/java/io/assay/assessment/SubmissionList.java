package io.assay.assessment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * The submission list's query: search, filters, one of a few sort orders, and keyset
 * paging. A page is asked for by the cursor the previous page ended with (the sort value
 * and id of its last row), so page 500 costs what page 1 costs: an index range scan, no
 * OFFSET.
 */
final class SubmissionList {

	static final int MAX_LIMIT = 100;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	/** Sort keys: the SQL expression ordered by, and how its cursor value is read. */
	enum Sort {

		CREATED_AT("created_at", "s.created_at"), UPDATED_AT("updated_at", "s.updated_at"),
		REFERENCE("reference", "lower(s.reference)"), DUE_DATE("due_date", "coalesce(s.due_date, date 'infinity')");

		final String key;

		final String expression;

		Sort(String key, String expression) {
			this.key = key;
			this.expression = expression;
		}

		static @Nullable Sort of(String key) {
			for (Sort sort : values()) {
				if (sort.key.equals(key)) {
					return sort;
				}
			}
			return null;
		}

		Object parse(String value) {
			return switch (this) {
				case CREATED_AT, UPDATED_AT -> OffsetDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
				case REFERENCE -> value;
				case DUE_DATE -> value.equals("infinity") ? LocalDate.MAX : LocalDate.parse(value);
			};
		}

		String format(Submission submission) {
			return switch (this) {
				case CREATED_AT -> submission.createdAt().toString();
				case UPDATED_AT -> submission.updatedAt().toString();
				case REFERENCE -> submission.reference().toLowerCase(Locale.ROOT);
				case DUE_DATE -> submission.dueDate() == null ? "infinity" : submission.dueDate().toString();
			};
		}

	}

	record Query(String where, Map<String, Object> params, String orderBy, Sort sort, boolean descending, int limit) {
	}

	private SubmissionList() {
	}

	static Query query(Submissions.Filter filter, @Nullable String sortKey, @Nullable String cursor,
			@Nullable Integer limit) {
		List<FieldProblem> problems = new ArrayList<>();
		String key = sortKey == null || sortKey.isBlank() ? "-created_at" : sortKey.strip();
		boolean descending = key.startsWith("-");
		Sort sort = Sort.of(descending ? key.substring(1) : key);
		if (sort == null) {
			problems
				.add(new FieldProblem("sort", Wording.of("page.sort", "created_at, due_date, reference, updated_at")));
		}
		int rows = limit == null ? 20 : limit;
		if (rows < 1 || rows > MAX_LIMIT) {
			problems.add(new FieldProblem("limit", Wording.of("field.between", 1, MAX_LIMIT)));
		}
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.search() != null) {
			String terms = prefixQuery(filter.search());
			if (terms == null) {
				problems.add(new FieldProblem("q", Wording.of("field.letter-or-digit")));
			}
			else {
				where.append(" and s.search @@ to_tsquery('simple', :terms)");
				params.put("terms", terms);
			}
		}
		if (filter.workflowId() != null) {
			where.append(" and s.workflow_id = :workflow");
			params.put("workflow", filter.workflowId());
		}
		if (filter.status() != null) {
			where.append(" and s.latest_status = :status");
			params.put("status", filter.status());
		}
		if (filter.outcome() != null) {
			where.append(" and s.outcome = :outcome");
			params.put("outcome", filter.outcome());
		}
		if (filter.reviewState() != null) {
			where.append(" and s.review_state = :reviewState");
			params.put("reviewState", filter.reviewState());
		}
		if (filter.assignee() != null) {
			where.append(" and (s.owner_id = :assignee or s.reviewer_id = :assignee)");
			params.put("assignee", filter.assignee());
		}
		if (filter.needsReview() != null) {
			where.append(" and s.needs_review = :needsReview");
			params.put("needsReview", filter.needsReview());
		}
		if (filter.createdFrom() != null) {
			where.append(" and s.created_at >= :createdFrom");
			params.put("createdFrom", filter.createdFrom().atStartOfDay().atOffset(ZoneOffset.UTC));
		}
		if (filter.createdTo() != null) {
			where.append(" and s.created_at < :createdTo");
			params.put("createdTo", filter.createdTo().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		}
		if (cursor != null && sort != null) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n",
						-1);
				if (parts.length != 3 || !parts[0].equals(key)) {
					throw new IllegalArgumentException("cursor of another sort");
				}
				where.append(" and (")
					.append(sort.expression)
					.append(", s.id) ")
					.append(descending ? "<" : ">")
					.append(" (:after, :afterId)");
				params.put("after", sort.parse(parts[1]));
				params.put("afterId", UUID.fromString(parts[2]));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				problems.add(new FieldProblem("cursor", Wording.of("page.cursor")));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		String direction = descending ? " desc" : " asc";
		return new Query(where.toString(), params, sort.expression + direction + ", s.id" + direction, sort, descending,
				rows);
	}

	static String cursorAfter(Query query, Submission last) {
		String key = (query.descending() ? "-" : "") + query.sort().key;
		String text = key + "\n" + query.sort().format(last) + "\n" + last.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Every word of the search as a prefix, all required: "cardio cs-3" finds
	 * "CardioSense CS-300". Null when the search has no word at all.
	 */
	static @Nullable String prefixQuery(String search) {
		List<String> words = new ArrayList<>();
		var matcher = WORD.matcher(search.toLowerCase(Locale.ROOT));
		while (matcher.find() && words.size() < 10) {
			words.add(matcher.group() + ":*");
		}
		return words.isEmpty() ? null : String.join(" & ", words);
	}

}
