package io.assay.reporting;

import java.util.List;

import io.assay.assessment.Results;
import io.assay.platform.CsvCells;
import org.jspecify.annotations.Nullable;

/**
 * The report as CSV (RFC 4180), one row per criterion, for spreadsheets and other tools.
 * Starts with a byte order mark so that Excel reads it as UTF-8; a cell that a
 * spreadsheet would take for a formula is prefixed with an apostrophe. The column names
 * stay the same in every language, for the tools that read them; the cells are in the
 * reader's.
 */
final class ReportCsv {

	static final List<String> COLUMNS = List.of("submission", "run", "criterion", "verdict", "passed", "confidence",
			"ai_verdict", "needs_review", "evidence", "reasoning", "review", "judge");

	private ReportCsv() {
	}

	static String render(Report report, ReportWords words) {
		StringBuilder csv = new StringBuilder(CsvCells.BYTE_ORDER_MARK);
		csv.append(CsvCells.row(COLUMNS));
		for (Results.Result result : report.results()) {
			csv.append(CsvCells.row(cells(report, result, words).stream()
				.map(value -> value == null ? "" : value.toString())
				.toList()));
		}
		return csv.toString();
	}

	/**
	 * One criterion's row, in the order of {@link #COLUMNS}: text, numbers and yes/no as
	 * such (the workbook keeps their types), null for nothing. The submission and run are
	 * on every row, so that rows of several reports can be put together.
	 */
	static List<@Nullable Object> cells(Report report, Results.Result result, ReportWords words) {
		return java.util.Arrays.asList(report.submission().reference(), report.assessment().runNumber(),
				result.criteriaName(), words.verdict(result), result.pass(), result.confidence(),
				result.aiPass() == null ? "undecided" : (result.aiPass() ? "pass" : "fail"), result.needsReview(),
				evidence(result, words), words.reasoning(result), words.review(result), result.judge());
	}

	static String evidence(Results.Result result, ReportWords words) {
		StringBuilder text = new StringBuilder();
		result.evidenceItems().forEach(item -> {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(words.evidence(item));
		});
		return text.toString();
	}

}
