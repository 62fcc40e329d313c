package io.assay.document.parsing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import io.assay.document.ParsedDocument.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of a page image with Tesseract, run as a separate process (so a crash or
 * runaway in the OCR engine cannot take the service with it), with the box of every line.
 */
public final class Ocr {

	private static final Logger log = LoggerFactory.getLogger(Ocr.class);

	/** Resolution pages are rendered at for recognition. */
	public static final int DPI = 300;

	private final String command;

	private final String languages;

	private final Duration timeout;

	private final boolean available;

	public Ocr(String command, String languages, Duration timeout) {
		this.command = command;
		this.languages = languages;
		this.timeout = timeout;
		this.available = probe(command);
		if (!this.available) {
			log.info("Tesseract ('{}') is not installed: pages without a text layer will be marked as not read",
					command);
		}
	}

	public boolean available() {
		return this.available;
	}

	/** The page's text in lines, with boxes in PDF points. */
	public record Result(String text, List<Line> lines) {
	}

	public Result read(BufferedImage page) throws IOException {
		Path image = Files.createTempFile("assay-ocr-", ".png");
		try {
			ImageIO.write(page, "png", image.toFile());
			Process process = new ProcessBuilder(this.command, image.toString(), "stdout", "-l", this.languages,
					"--psm", "3", "tsv")
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			byte[] output;
			try (var in = process.getInputStream()) {
				output = in.readAllBytes();
			}
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException("OCR of a page took longer than " + this.timeout.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IOException("Tesseract failed with exit code " + process.exitValue());
			}
			return lines(new String(output, StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("OCR interrupted", ex);
		}
		finally {
			Files.deleteIfExists(image);
		}
	}

	/**
	 * Groups Tesseract's TSV words (level 5) into lines by block, paragraph and line
	 * number.
	 */
	static Result lines(String tsv) {
		record Box(StringBuilder text, int[] bounds) {
		}
		Map<String, Box> lines = new LinkedHashMap<>();
		for (String row : tsv.split("\n")) {
			String[] cells = row.split("\t", -1);
			if (cells.length < 12 || !"5".equals(cells[0]) || cells[11].isBlank()) {
				continue;
			}
			String key = cells[2] + "/" + cells[3] + "/" + cells[4];
			int left = Integer.parseInt(cells[6]);
			int top = Integer.parseInt(cells[7]);
			int right = left + Integer.parseInt(cells[8]);
			int bottom = top + Integer.parseInt(cells[9]);
			Box box = lines.computeIfAbsent(key,
					k -> new Box(new StringBuilder(), new int[] { Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0 }));
			if (!box.text().isEmpty()) {
				box.text().append(' ');
			}
			box.text().append(cells[11].strip());
			box.bounds()[0] = Math.min(box.bounds()[0], left);
			box.bounds()[1] = Math.min(box.bounds()[1], top);
			box.bounds()[2] = Math.max(box.bounds()[2], right);
			box.bounds()[3] = Math.max(box.bounds()[3], bottom);
		}
		float scale = 72f / DPI;
		List<Line> result = new ArrayList<>();
		for (Box box : lines.values()) {
			int[] b = box.bounds();
			result.add(new Line(box.text().toString(), b[0] * scale, b[1] * scale, (b[2] - b[0]) * scale,
					(b[3] - b[1]) * scale));
		}
		return new Result(String.join("\n", result.stream().map(Line::text).toList()), result);
	}

	private static boolean probe(String command) {
		try {
			Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
