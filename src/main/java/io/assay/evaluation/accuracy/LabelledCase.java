package io.assay.evaluation.accuracy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.evaluation.Citation;
import io.assay.evaluation.DocumentText;

/**
 * One criterion asked of some documents, with the answer a person gave: whether it
 * passes, on which pages of which documents the evidence is (none for a criterion the
 * documents do not address), and the text the person marked as evidence where the set has
 * it ({@code goldEvidence}, empty otherwise).
 */
public record LabelledCase(String criterion, String description, List<DocumentText> documents, boolean expectedPass,
		Map<UUID, Set<Integer>> evidencePages, List<Citation> goldEvidence) {

	public boolean hasEvidencePages() {
		return this.evidencePages.values().stream().anyMatch(pages -> !pages.isEmpty());
	}

	public boolean isEvidence(UUID documentId, Integer page) {
		return page != null && this.evidencePages.getOrDefault(documentId, Set.of()).contains(page);
	}

}
