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

import javax.imageio.ImageIO;

import io.assay.document.ParsedDocument.Line;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Reads the text of a page image with Tesseract, run as a separate process (so a crash or
 * runaway in the OCR engine cannot take the service with it) on a leash (time, memory,
 * how many at once), with the box of every line. Pages are rendered at 300 DPI unless
 * that would exceed a pixel count: a huge page is rendered coarser rather than into
 * gigabytes.
 */
public final class Ocr {

	private static final Logger log = LoggerFactory.getLogger(Ocr.class);

	/** Resolution pages are rendered at for recognition, when they are not huge. */
	public static final int DPI = 300;

	private final String command;

	private final String languages;

	private final long maxPixels;

	private final Path scratch;

	private final HelperProcess helper;

	private final java.util.concurrent.CompletableFuture<Boolean> available;

	/**
	 * With the default limits and the system's temporary folder: for commands and tests.
	 */
	public Ocr(String command, String languages, Duration timeout) {
		this(command, languages, timeout, DataSize.ofGigabytes(1), Runtime.getRuntime().availableProcessors(),
				25_000_000, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param memory the address space one Tesseract process may use
	 * @param atOnce how many pages are read at the same time
	 * @param maxPixels the most pixels a page is rendered into
	 * @param scratch the private folder page images are written to
	 */
	public Ocr(String command, String languages, Duration timeout, DataSize memory, int atOnce, long maxPixels,
			Path scratch) {
		this.command = command;
		this.languages = languages;
		this.maxPixels = maxPixels;
		this.scratch = scratch;
		this.helper = new HelperProcess("Tesseract", timeout, memory, atOnce, false);
		this.available = HelperProcess.installed(command, () -> log
			.info("Tesseract ('{}') is not installed: pages without a text layer will be marked as not read", command));
	}

	/** The languages pages are read in unless an organisation chose others. */
	public String languages() {
		return this.languages;
	}

	public boolean available() {
		return this.available.join();
	}

	/**
	 * The resolution to render a page of this size (in points) at: 300 DPI, or less so
	 * that the image has at most the allowed number of pixels.
	 */
	public float dpiFor(float widthPoints, float heightPoints) {
		double pixels = ((double) widthPoints / 72 * DPI) * ((double) heightPoints / 72 * DPI);
		if (!(pixels > this.maxPixels)) {
			return DPI;
		}
		return (float) (DPI * Math.sqrt(this.maxPixels / pixels));
	}

	/** The page's text in lines, with boxes in PDF points. */
	public record Result(String text, List<Line> lines) {
	}

	/** Reads a page rendered at {@code dpi} in the configured languages. */
	public Result read(BufferedImage page, float dpi) throws IOException {
		return read(page, dpi, this.languages);
	}

	private volatile @Nullable List<String> installed;

	/**
	 * The languages this Tesseract can read ({@code tesseract --list-langs}), without its
	 * script detection data ("osd"); empty when it is not installed.
	 */
	public List<String> installedLanguages() {
		List<String> known = this.installed;
		if (known == null) {
			known = HelperProcess.output(List.of(this.command, "--list-langs"))
				.lines()
				.map(String::strip)
				.filter(line -> line.matches("[a-z]{3}(_[a-z]{3,4})?") && !line.equals("osd"))
				.toList();
			this.installed = known;
		}
		return known;
	}

	/**
	 * Reads a page rendered at {@code dpi}.
	 * @param languages Tesseract's language codes joined by "+"
	 */
	public Result read(BufferedImage page, float dpi, String languages) throws IOException {
		Path image = Files.createTempFile(this.scratch, "assay-ocr-", ".png");
		Path output = Files.createTempFile(this.scratch, "assay-ocr-", ".tsv");
		try {
			ImageIO.write(page, "png", image.toFile());
			HelperProcess.Outcome outcome = this.helper.run(
					List.of(this.command, image.toString(), "stdout", "-l", languages, "--psm", "3", "tsv"),
					ProcessBuilder.Redirect.to(output.toFile()));
			if (outcome.timedOut()) {
				throw new IOException("OCR of a page took too long");
			}
			if (outcome.exitCode() != 0) {
				throw new IOException("Tesseract failed with exit code " + outcome.exitCode());
			}
			return lines(Files.readString(output, StandardCharsets.UTF_8), dpi);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("OCR interrupted", ex);
		}
		finally {
			Files.deleteIfExists(image);
			Files.deleteIfExists(output);
		}
	}

	/**
	 * Groups Tesseract's TSV words (level 5) into lines by block, paragraph and line
	 * number.
	 */
	static Result lines(String tsv, float dpi) {
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
		float scale = 72f / dpi;
		List<Line> result = new ArrayList<>();
		for (Box box : lines.values()) {
			int[] b = box.bounds();
			result.add(new Line(box.text().toString(), b[0] * scale, b[1] * scale, (b[2] - b[0]) * scale,
					(b[3] - b[1]) * scale));
		}
		return new Result(String.join("\n", result.stream().map(Line::text).toList()), result);
	}

}
