package io.assay.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.document.IndexedDocument;
import io.assay.document.PageVectors;
import io.assay.evaluation.retrieval.SentenceEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document's page vectors are made once, by the first criterion ranked by meaning, kept
 * where the job says, and taken from what is stored when they were made by the same
 * model.
 */
class DocumentVectorsTest {

	private final SentenceEncoder encoder = SentenceEncoder.shared();

	private final DocumentText pages = EvidenceCheckTest.document(UUID.randomUUID(), "contract.pdf",
			"Either party may end this agreement on thirty days' notice.", "", "Prices are fixed for a year.");

	@Test
	void vectorsStoredByTheSameModelAreTakenAsTheyAre() {
		List<float[][]> stored = List.of(new float[][] { unit(0) }, new float[0][], new float[][] { unit(1) });
		List<PageVectors> kept = new ArrayList<>();
		java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
		DocumentText document = new DocumentText(UUID.randomUUID(), "contract.pdf", UUID.randomUUID(), indexed(),
				new DocumentText.KeptVectors(() -> {
					reads.incrementAndGet();
					return Optional.of(new PageVectors(SentenceEncoder.MODEL, stored));
				}, kept::add));
		assertThat(reads).as("read only when the document is first ranked by meaning").hasValue(0);

		assertThat(document.vectors().of(document)).isSameAs(stored);
		assertThat(document.vectors().of(document)).isSameAs(stored);
		assertThat(reads).hasValue(1);
		assertThat(kept).isEmpty();
	}

	@Test
	void vectorsOfAnotherModelAreMadeAgainOnceAndKept() {
		List<PageVectors> kept = new ArrayList<>();
		DocumentText document = indexed(new PageVectors("older-model",
				List.of(new float[][] { unit(0) }, new float[0][], new float[][] { unit(1) })), kept);

		List<float[][]> made = document.vectors().of(document);

		assertThat(made).hasSize(3);
		assertThat(made.get(0)).hasNumberOfRows(1);
		assertThat(made.get(1)).as("a page without words").isEmpty();
		assertThat(made.get(0)[0])
			.isEqualTo(this.encoder.encodeWindows(List.of(this.pages.parsed().pages().get(0).text())).get(0)[0]);
		assertThat(kept).singleElement().satisfies(vectors -> {
			assertThat(vectors.model()).isEqualTo(SentenceEncoder.MODEL);
			assertThat(vectors.pages()).isSameAs(made);
		});
		assertThat(document.vectors().of(document)).as("made once").isSameAs(made);
		assertThat(kept).hasSize(1);
	}

	@Test
	void vectorsThatCannotBeKeptStillRank() {
		DocumentText document = new DocumentText(UUID.randomUUID(), "contract.pdf", UUID.randomUUID(), indexed(),
				new DocumentText.KeptVectors(Optional::empty, vectors -> {
					throw new IllegalStateException("the database is away");
				}));

		assertThat(document.vectors().of(document)).hasSize(3);
	}

	private DocumentText indexed(PageVectors stored, List<PageVectors> kept) {
		return new DocumentText(UUID.randomUUID(), "contract.pdf", UUID.randomUUID(), indexed(),
				new DocumentText.KeptVectors(() -> Optional.of(stored), kept::add));
	}

	private IndexedDocument indexed() {
		return new IndexedDocument(this.pages.parsed(), List.of(Map.of(), Map.of(), Map.of()));
	}

	private static float[] unit(int axis) {
		float[] vector = new float[SentenceEncoder.DIMENSIONS];
		vector[axis] = 1;
		return vector;
	}

}
