package io.assay.reporting;

import java.util.List;
import java.util.stream.Collectors;

import io.assay.assessment.Results;

/**
 * The report as CSV (RFC 4180), one row per criterion, for spreadsheets and other tools.
 * Starts with a byte order mark so that Excel reads it as UTF-8; a cell that a
 * spreadsheet would take for a formula is prefixed with an apostrophe.
 */
final class ReportCsv {

	static final List<String> COLUMNS = List.of("criterion", "verdict", "passed", "confidence", "ai_verdict",
			"needs_review", "evidence", "reasoning", "review", "judge");

	private ReportCsv() {
	}

	static String render(Report report) {
		StringBuilder csv = new StringBuilder("\uFEFF");
		csv.append(String.join(",", COLUMNS)).append("\r\n");
		for (Results.Result result : report.results()) {
			List<String> cells = List.of(result.criteriaName(), Report.verdict(result),
					result.pass() == null ? "" : result.pass().toString(), result.confidence(),
					result.aiPass() == null ? "undecided" : (result.aiPass() ? "pass" : "fail"),
					Boolean.toString(result.needsReview()), evidence(result),
					result.reasoning() == null ? "" : result.reasoning(), Report.review(result),
					result.judge() == null ? "" : result.judge());
			csv.append(cells.stream().map(ReportCsv::cell).collect(Collectors.joining(","))).append("\r\n");
		}
		return csv.toString();
	}

	static String evidence(Results.Result result) {
		StringBuilder text = new StringBuilder();
		result.evidenceItems().forEach(item -> {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(Report.evidence(item));
		});
		return text.toString();
	}

	private static String cell(String value) {
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

}
