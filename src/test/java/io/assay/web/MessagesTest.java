package io.assay.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * English and German say the same things: each has every key of the other, and every key
 * a template, a page's script or the report names is there.
 */
class MessagesTest {

	private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("#\\{([a-z][a-z0-9.-]*[a-z0-9])[}(]");

	/** {@code word('share.copied')} in a script: the message {@code js.share.copied}. */
	private static final Pattern KEY_IN_SCRIPT = Pattern.compile("\\bword\\('([a-z][a-z0-9.-]*[a-z0-9])'");

	/** {@code Wording.of("upload.empty", ...)} anywhere in the code. */
	private static final Pattern KEY_IN_WORDING = Pattern
		.compile("\\bWording\\.of\\(\\s*\"([a-z][a-z0-9.-]*[a-z0-9])\"");

	/**
	 * {@code new NotFoundException("Workflow version")}: the message
	 * {@code resource.workflow-version}.
	 */
	private static final Pattern RESOURCE_NOT_FOUND = Pattern.compile("new NotFoundException\\(\\s*\"([^\"]+)\"");

	/** {@code text("report.title")} in the report's code. */
	private static final Pattern KEY_IN_REPORT = Pattern.compile("\\btext\\(\\s*\"([a-z][a-z0-9.-]*[a-z0-9])\"");

	@Test
	void germanHasEveryEnglishKeyAndNoOther() throws IOException {
		assertThat(keys("messages_de.properties")).isEqualTo(keys("messages.properties"));
	}

	@Test
	void everyKeyATemplateNamesExists() throws IOException {
		assertThat(missing(Path.of("src/main/resources/templates"), ".html", KEY_IN_TEMPLATE, "")).isEmpty();
	}

	@Test
	void everyKeyAScriptTheReportOrAnErrorNamesExists() throws IOException {
		Set<String> missing = missing(Path.of("src/main/resources/static/js"), ".js", KEY_IN_SCRIPT, "js.");
		missing.addAll(missing(Path.of("src/main/java/io/assay/reporting"), ".java", KEY_IN_REPORT, ""));
		missing.addAll(missing(Path.of("src/main/java/io/assay"), ".java", KEY_IN_WORDING, ""));
		assertThat(missing).isEmpty();
	}

	@Test
	void everyThingThatCanBeNotFoundHasAName() throws IOException {
		Set<String> known = keys("messages.properties");
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/assay"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				Matcher resource = RESOURCE_NOT_FOUND.matcher(Files.readString(file));
				while (resource.find()) {
					String key = "resource."
							+ resource.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
					if (!known.contains(key)) {
						missing.add(file.getFileName() + ": " + key);
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	/** The keys the files under {@code root} name that no message has, by file. */
	private static Set<String> missing(Path root, String suffix, Pattern named, String prefix) throws IOException {
		Set<String> known = keys("messages.properties");
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> files = Files.walk(root)) {
			// words.js itself only names an example in its comment.
			for (Path file : files.filter(path -> path.toString().endsWith(suffix) && !path.endsWith("words.js"))
				.toList()) {
				Matcher key = named.matcher(Files.readString(file));
				while (key.find()) {
					if (!known.contains(prefix + key.group(1))) {
						missing.add(file.getFileName() + ": " + prefix + key.group(1));
					}
				}
			}
		}
		return missing;
	}

	private static Set<String> keys(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return new TreeSet<>(properties.stringPropertyNames());
	}

}
