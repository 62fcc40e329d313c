package io.assay.document;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Documents: upload limits, parsing bounds, storage and OCR.
 *
 * @param maxUploadSize largest file accepted
 * @param maxPages most pages a document may have; more is refused, not parsed
 * @param parseTimeout longest a document may take to parse before it is refused
 * @param scratchDirectory the owner-only folder files are worked on in, emptied at start
 * @param storage where the bytes go
 * @param ocr reading pages that have no text layer
 * @param layout laying Word documents out into pages
 */
@ConfigurationProperties("assay.documents")
record DocumentProperties(@DefaultValue("50MB") DataSize maxUploadSize, @DefaultValue("2000") int maxPages,
		@DefaultValue("120s") Duration parseTimeout, @DefaultValue("./data/tmp") Path scratchDirectory,
		@DefaultValue Storage storage, @DefaultValue Ocr ocr, @DefaultValue Layout layout) {

	/**
	 * Laying Word documents out into pages.
	 *
	 * @param command the LibreOffice executable; Word documents are read without pages
	 * when it cannot be run
	 * @param python the Python with LibreOffice's bridge ({@code import uno}), which
	 * keeps LibreOffice running between documents; without it each document starts one
	 * @param timeout longest one document may take
	 * @param memoryLimit the address space one LibreOffice process may use
	 * @param atOnce how many documents are laid out at the same time (and LibreOffices
	 * kept running)
	 */
	record Layout(@DefaultValue("soffice") String command,
			@DefaultValue(io.assay.document.parsing.WordLayout.DEFAULT_PYTHON) String python,
			@DefaultValue("120s") Duration timeout, @DefaultValue("2GB") DataSize memoryLimit,
			@DefaultValue("2") int atOnce) {
	}

	/**
	 * @param type {@code filesystem} (default) or {@code s3}
	 * @param directory where the filesystem store keeps its files
	 * @param key the AES-256 key of the filesystem store, base64; when absent, one is
	 * generated on first start into {@code keyFile}
	 * @param keyFile where the generated key is kept
	 * @param previousKeys keys being rotated out, base64, separated by commas: they open
	 * what they sealed until every object is resealed with {@code key}
	 * @param s3 the S3-compatible store
	 */
	record Storage(@DefaultValue("filesystem") String type, @DefaultValue("./data/documents") Path directory,
			@Nullable String key, @DefaultValue("./data/keys/storage.key") Path keyFile, @Nullable String previousKeys,
			@DefaultValue S3 s3) {
	}

	/**
	 * An S3-compatible object store (AWS S3, MinIO, Ceph, …).
	 *
	 * @param endpoint the service URL; blank for AWS's regional endpoint
	 * @param pathStyle address buckets as {@code endpoint/bucket} (MinIO and most others)
	 */
	record S3(@Nullable String endpoint, @Nullable String bucket, @DefaultValue("us-east-1") String region,
			@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("true") boolean pathStyle) {

		/** Blank values (an unset environment variable) count as absent. */
		S3 {
			endpoint = blankToNull(endpoint);
			bucket = blankToNull(bucket);
			accessKey = blankToNull(accessKey);
			secretKey = blankToNull(secretKey);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return value == null || value.isBlank() ? null : value.trim();
		}

	}

	/**
	 * @param command the Tesseract executable; OCR is off when it cannot be run
	 * @param languages Tesseract language codes, joined by +
	 * @param timeout longest one page may take
	 * @param memoryLimit the address space one Tesseract process may use
	 * @param atOnce how many pages are read at the same time
	 * @param maxPagePixels the most pixels a page is rendered into for reading (300 DPI
	 * unless that is more)
	 */
	record Ocr(@DefaultValue("tesseract") String command, @DefaultValue("eng") String languages,
			@DefaultValue("60s") Duration timeout, @DefaultValue("1GB") DataSize memoryLimit,
			@DefaultValue("2") int atOnce, @DefaultValue("25000000") long maxPagePixels) {
	}

}
