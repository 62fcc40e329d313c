package io.assay.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.assay.evaluation.PageRanges;
import org.jspecify.annotations.Nullable;

/**
 * What the AI read for one criterion, as the results list says it: "Read 5 of 23 pages:
 * agreement.pdf 1–4, 17" or "Read all 12 pages", from the pages recorded as sent (and
 * found by its searches) against the pages of the documents in the criterion's buckets.
 */
final class WhatWasRead {

	private WhatWasRead() {
	}

	/** The sentence, how many pages it counts, and the documents it names. */
	record Read(String sentence, Results.PagesRead pages, List<Results.ReadFrom> from) {
	}

	/**
	 * The pages sent for one result, by document, from the database's list for each
	 * document of the pages sent from it ({@code "<document id> <page> <page> …"}, see
	 * {@link Results}): only those are needed of each recorded passage, so the database
	 * picks them out rather than this reading a megabyte of JSON for the 200 results of a
	 * run.
	 */
	static Map<UUID, TreeSet<Integer>> pagesSent(String[] documentAndPages) {
		Map<UUID, TreeSet<Integer>> pages = new java.util.HashMap<>();
		for (String listed : documentAndPages) {
			String[] parts = listed.split(" ");
			TreeSet<Integer> numbers = pages.computeIfAbsent(UUID.fromString(parts[0]), id -> new TreeSet<>());
			for (int i = 1; i < parts.length; i++) {
				numbers.add(page(parts[i]));
			}
		}
		return pages;
	}

	/**
	 * A JSON number as PostgreSQL writes it: "3" as recorded; "3.0" or "3e0" read too.
	 */
	private static int page(String number) {
		for (int i = 0; i < number.length(); i++) {
			if (!Character.isDigit(number.charAt(i))) {
				return (int) Double.parseDouble(number);
			}
		}
		return Integer.parseInt(number);
	}

	/**
	 * @param pages the pages recorded as sent ({@code passages_sent}), by document
	 * @param buckets the criterion's buckets (empty: every bucket)
	 * @return null when nothing is recorded (a result carried over or from before)
	 */
	static @Nullable Read describe(@Nullable Map<UUID, TreeSet<Integer>> pages, List<UUID> buckets,
			List<Assessments.AssessedDocument> documents) {
		if (pages == null) {
			return null;
		}
		int total = 0;
		int read = 0;
		List<Results.ReadFrom> from = new ArrayList<>();
		for (Assessments.AssessedDocument document : documents) {
			if ((!buckets.isEmpty() && !buckets.contains(document.bucketId())) || document.pageCount() == null) {
				continue;
			}
			total += document.pageCount();
			TreeSet<Integer> seen = pages.getOrDefault(document.documentId(), new TreeSet<>());
			read += seen.size();
			if (!seen.isEmpty()) {
				from.add(new Results.ReadFrom(document.documentId(), document.fileName(), document.fileType(),
						seen.first(), PageRanges.of(List.copyOf(seen))));
			}
		}
		if (total == 0) {
			return null;
		}
		if (read >= total) {
			return new Read(total == 1 ? "Read the 1 page" : "Read all " + total + " pages",
					new Results.PagesRead(total, total), List.copyOf(from));
		}
		String named = String.join("; ", from.stream().map(part -> part.fileName() + " " + part.pages()).toList());
		return new Read("Read " + read + " of " + total + " pages" + (from.isEmpty() ? "" : ": " + named),
				new Results.PagesRead(read, total), List.copyOf(from));
	}

}
