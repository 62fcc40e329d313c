package io.assay.evaluation.retrieval;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentenceEncoderTest {

	private final SentenceEncoder encoder = SentenceEncoder.shared();

	@Test
	void splitsTextIntoTheModelsWordPiecesAsItsOwnTokenizerDoes() throws Exception {
		try (var json = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
			WordPieces pieces = WordPieces.read(json);
			// Hugging Face's documented example for BERT's uncased vocabulary.
			assertThat(pieces.ids("Hello, my dog is cute")).containsExactly(7592, 1010, 2026, 3899, 2003, 10140);
			// Longest piece first: "una", "##ffa", "##ble" (this vocabulary has no
			// "##aff").
			assertThat(pieces.ids("unaffable")).containsExactly(14477, 20961, 3468);
			assertThat(WordPieces.words("Café\u0000 Ünïcode—dash $5.00 日本")).containsExactly("cafe", "unicode", "—",
					"dash", "$", "5", ".", "00", "日", "本");
		}
	}

	@Test
	void findsTheWindowThatSaysWhatTheQueryAsksInOtherWords() {
		float[] query = this.encoder.encode("Termination for convenience");
		List<float[][]> pages = this.encoder.encodeWindows(List.of(
				"The Supplier shall deliver the goods to the Customer's warehouse in Rotterdam within ten days.",
				"Either party may end this agreement at any time, without giving a reason, on thirty days' written notice.",
				""));
		assertThat(pages.get(2)).isEmpty();
		assertThat(SentenceEncoder.similarity(query, pages.get(1)))
			.isGreaterThan(SentenceEncoder.similarity(query, pages.get(0)) + 0.1);
		float[] same = this.encoder.encode("Termination for convenience");
		assertThat(SentenceEncoder.similarity(query, new float[][] { same })).isCloseTo(1.0, Offset.offset(1e-5));
	}

	@Test
	void cutsALongPageIntoOverlappingWindows() throws Exception {
		String page = "The licensee shall pay royalties quarterly. ".repeat(60);
		int pieces;
		try (var json = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
			pieces = WordPieces.read(json).ids(page).length;
		}
		float[][] windows = this.encoder.encodeWindows(List.of(page)).get(0);
		// Windows of 126 pieces (and the two special ones) starting every 96 pieces, the
		// last one reaching the end.
		assertThat(pieces).isGreaterThan(400);
		assertThat(windows).hasNumberOfRows(1 + (pieces - 126 + 95) / 96);
		for (float[] window : windows) {
			double norm = 0;
			for (float v : window) {
				norm += v * v;
			}
			assertThat(norm).isCloseTo(1.0, Offset.offset(1e-4));
		}
	}

	@Test
	void anInterruptedThreadStopsMakingVectorsAndKeepsTheInterrupt() {
		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> this.encoder.encodeWindows(List.of("The licensee shall pay royalties.")))
				.isInstanceOf(java.util.concurrent.CancellationException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
