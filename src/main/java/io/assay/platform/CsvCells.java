package io.assay.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Cells and rows of CSV (RFC 4180) for spreadsheets: quoted where needed, and a cell a
 * spreadsheet would take for a formula ("=", "+", "-", "@", tab, return) prefixed with an
 * apostrophe, so that an export cannot run anything in the program that opens it.
 */
public final class CsvCells {

	/** Starts a file so that Excel reads it as UTF-8. */
	public static final String BYTE_ORDER_MARK = "\uFEFF";

	private CsvCells() {
	}

	public static String cell(String value) {
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

	/** One line, with its line break. */
	public static String row(List<String> values) {
		return values.stream().map(CsvCells::cell).collect(Collectors.joining(",")) + "\r\n";
	}

}
