package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.assay.document.DocumentStore;

import static org.assertj.core.api.Assertions.assertThat;

/** What a store's ranged reads must give, whatever the store. */
final class StoreRanges {

	private StoreRanges() {
	}

	/**
	 * Reads from offsets at, just before and just after every chunk boundary, in the
	 * middle of chunks and at the last byte, and compares with the plain bytes.
	 */
	static void assertEveryOffsetReadsTheRightBytes(DocumentStore store, String key, byte[] plain) throws IOException {
		int chunk = ChunkedAesGcm.CHUNK;
		long[] offsets = { 0, 1, chunk - 1, chunk, chunk + 1, chunk + chunk / 2, 2L * chunk, 3L * chunk - 1, 3L * chunk,
				plain.length - 1 };
		for (long from : offsets) {
			try (InputStream in = store.open(key, from)) {
				byte[] read = in.readNBytes(100);
				byte[] expected = Arrays.copyOfRange(plain, (int) from, (int) Math.min(plain.length, from + 100));
				assertThat(read).as("100 bytes from %d", from).isEqualTo(expected);
			}
		}
		try (InputStream in = store.open(key, chunk + 5)) {
			assertThat(in.readAllBytes()).as("to the end")
				.isEqualTo(Arrays.copyOfRange(plain, chunk + 5, plain.length));
		}
	}

}
