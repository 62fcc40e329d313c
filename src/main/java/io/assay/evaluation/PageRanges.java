package io.assay.evaluation;

import java.util.List;

/** Page numbers as people write them: 1, 2, 3, 5, 7, 8 as "1–3, 5, 7–8". */
public final class PageRanges {

	private PageRanges() {
	}

	/** The pages, in ascending order, as ranges. */
	public static String of(List<Integer> pages) {
		StringBuilder text = new StringBuilder();
		int start = pages.getFirst();
		int previous = start;
		for (int i = 1; i <= pages.size(); i++) {
			Integer page = i < pages.size() ? pages.get(i) : null;
			if (page != null && page == previous + 1) {
				previous = page;
				continue;
			}
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(start == previous ? Integer.toString(start) : start + "\u2013" + previous);
			if (page != null) {
				start = page;
				previous = page;
			}
		}
		return text.toString();
	}

}
