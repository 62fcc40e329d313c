package io.assay.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.assay.document.ParsedDocument;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * What of a criterion's documents the judge did not read, as a reviewer reads it: "Failed
 * as not shown, but the AI read 23 of 201 pages; not read: agreement.pdf 5–16, 18–30;
 * annex.pdf 1–2." Pages without text are not counted: there was nothing to read.
 */
final class UnreadPages {

	private UnreadPages() {
	}

	/** Null when every page (or section) with text was read. */
	static @Nullable Wording describe(List<DocumentText> documents, List<Evaluation.PassageSent> read) {
		int total = 0;
		int seen = 0;
		List<Wording> unread = new ArrayList<>();
		for (DocumentText document : documents) {
			ParsedDocument parsed = document.parsed();
			if (parsed.hasPages()) {
				List<Integer> missing = new ArrayList<>();
				for (ParsedDocument.Page page : parsed.pages()) {
					if (page.text().isBlank()) {
						continue;
					}
					total++;
					if (read.stream()
						.anyMatch(sent -> sent.documentId().equals(document.documentId())
								&& Objects.equals(sent.page(), page.number()))) {
						seen++;
					}
					else {
						missing.add(page.number());
					}
				}
				if (!missing.isEmpty()) {
					unread.add(Wording.of("reasoning.unread.pages", document.fileName(), PageRanges.of(missing)));
				}
			}
			else {
				int missing = 0;
				for (ParsedDocument.Section section : parsed.sections()) {
					total++;
					if (read.stream()
						.anyMatch(sent -> sent.documentId().equals(document.documentId())
								&& Objects.equals(sent.section(), section.heading()))) {
						seen++;
					}
					else {
						missing++;
					}
				}
				if (missing > 0) {
					unread.add(Wording.of("reasoning.unread.sections", document.fileName(), missing));
				}
			}
		}
		if (unread.isEmpty()) {
			return null;
		}
		return Wording.of("reasoning.unread", seen, total, unread);
	}

}
