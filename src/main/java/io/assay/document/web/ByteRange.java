package io.assay.document.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One range of a document's bytes a client asked for in a {@code Range} header (RFC 9110,
 * 14.2): what a PDF viewer sends to read the pages it shows and nothing else.
 */
record ByteRange(long first, long last) {

	private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

	/**
	 * The range asked for, or empty when the whole document is to be sent: no header, a
	 * header of another unit, or several ranges (which a server may answer whole).
	 * @throws Unsatisfiable when the range lies outside the document
	 */
	static Optional<ByteRange> of(@Nullable String header, long size) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher matcher = SINGLE.matcher(header.strip());
		if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
			return Optional.empty();
		}
		if (matcher.group(1).isEmpty()) {
			long suffix = Long.parseLong(matcher.group(2));
			if (suffix == 0 || size == 0) {
				throw new Unsatisfiable(size);
			}
			return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
		}
		long first = Long.parseLong(matcher.group(1));
		long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
		if (first >= size || last < first) {
			throw new Unsatisfiable(size);
		}
		return Optional.of(new ByteRange(first, last));
	}

	long length() {
		return this.last - this.first + 1;
	}

	String contentRange(long size) {
		return "bytes " + this.first + "-" + this.last + "/" + size;
	}

	/** A range that starts beyond the document (answered 416). */
	static final class Unsatisfiable extends RuntimeException {

		private final long size;

		Unsatisfiable(long size) {
			super("The range lies outside the document's " + size + " bytes.", null, false, false);
			this.size = size;
		}

		long size() {
			return this.size;
		}

	}

}
