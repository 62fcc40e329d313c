package io.assay.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.assay.assessment.Results;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/** The report as an Excel workbook: a cover sheet, then one row per criterion. */
final class ReportXlsx {

	private ReportXlsx() {
	}

	static byte[] render(Report report, ReportWords words) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle wrapped = workbook.createCellStyle();
			wrapped.setWrapText(true);

			Sheet cover = workbook.createSheet(words.text("report.sheet.cover"));
			int row = 0;
			for (List<String> line : ReportPdf.cover(report, words)) {
				Row cells = cover.createRow(row++);
				cells.createCell(0).setCellValue(line.get(0));
				cells.getCell(0).setCellStyle(bold);
				cells.createCell(1).setCellValue(line.get(1));
			}
			cover.setColumnWidth(0, 24 * 256);
			cover.setColumnWidth(1, 80 * 256);

			Sheet results = workbook.createSheet(words.text("report.sheet.criteria"));
			Row header = results.createRow(0);
			for (int i = 0; i < ReportCsv.COLUMNS.size(); i++) {
				header.createCell(i).setCellValue(ReportCsv.COLUMNS.get(i));
				header.getCell(i).setCellStyle(bold);
			}
			row = 1;
			for (Results.Result result : report.results()) {
				Row cells = results.createRow(row++);
				List<@Nullable Object> values = ReportCsv.cells(report, result, words);
				for (int column = 0; column < values.size(); column++) {
					Object value = values.get(column);
					if (value == null) {
						continue;
					}
					Cell cell = cells.createCell(column);
					switch (value) {
						case Boolean yes -> cell.setCellValue(yes);
						case Integer number -> cell.setCellValue(number);
						default -> {
							String text = value.toString();
							cell.setCellValue(text);
							if (text.length() > 40) {
								cell.setCellStyle(wrapped);
							}
						}
					}
				}
			}
			int[] widths = { 18, 6, 32, 24, 8, 11, 11, 12, 70, 60, 50, 24 };
			for (int i = 0; i < widths.length; i++) {
				results.setColumnWidth(i, widths[i] * 256);
			}
			results.createFreezePane(3, 1);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the workbook", ex);
		}
	}

}
