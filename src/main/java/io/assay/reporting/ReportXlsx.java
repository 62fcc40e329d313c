package io.assay.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.assay.assessment.Results;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The report as an Excel workbook: a cover sheet, then one row per criterion. */
final class ReportXlsx {

	private ReportXlsx() {
	}

	static byte[] render(Report report) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle wrapped = workbook.createCellStyle();
			wrapped.setWrapText(true);

			Sheet cover = workbook.createSheet("Report");
			int row = 0;
			for (List<String> line : ReportPdf.cover(report)) {
				Row cells = cover.createRow(row++);
				cells.createCell(0).setCellValue(line.get(0));
				cells.getCell(0).setCellStyle(bold);
				cells.createCell(1).setCellValue(line.get(1));
			}
			cover.setColumnWidth(0, 24 * 256);
			cover.setColumnWidth(1, 80 * 256);

			Sheet results = workbook.createSheet("Criteria");
			Row header = results.createRow(0);
			for (int i = 0; i < ReportCsv.COLUMNS.size(); i++) {
				header.createCell(i).setCellValue(ReportCsv.COLUMNS.get(i));
				header.getCell(i).setCellStyle(bold);
			}
			row = 1;
			for (Results.Result result : report.results()) {
				Row cells = results.createRow(row++);
				cells.createCell(0).setCellValue(result.criteriaName());
				cells.createCell(1).setCellValue(Report.verdict(result));
				if (result.pass() != null) {
					cells.createCell(2).setCellValue(result.pass());
				}
				cells.createCell(3).setCellValue(result.confidence());
				cells.createCell(4)
					.setCellValue(result.aiPass() == null ? "undecided" : (result.aiPass() ? "pass" : "fail"));
				cells.createCell(5).setCellValue(result.needsReview());
				cells.createCell(6).setCellValue(ReportCsv.evidence(result));
				cells.getCell(6).setCellStyle(wrapped);
				cells.createCell(7).setCellValue(result.reasoning() == null ? "" : result.reasoning());
				cells.getCell(7).setCellStyle(wrapped);
				cells.createCell(8).setCellValue(Report.review(result));
				cells.getCell(8).setCellStyle(wrapped);
				cells.createCell(9).setCellValue(result.judge() == null ? "" : result.judge());
			}
			int[] widths = { 32, 24, 8, 11, 11, 12, 70, 60, 50, 24 };
			for (int i = 0; i < widths.length; i++) {
				results.setColumnWidth(i, widths[i] * 256);
			}
			results.createFreezePane(1, 1);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the workbook", ex);
		}
	}

}
