package io.assay.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a page shows comes from the message sources (English and German), not from
 * the template: text a template would show as written, or an attribute a person reads
 * (placeholder, title, aria-label, alt), fails here. Text inside an element whose content
 * Thymeleaf replaces (th:text, th:utext, th:replace, …) is only the designer's preview
 * and is not shown.
 *
 * <p>
 * Templates written before the pages were translated are listed in
 * {@link #NOT_YET_TRANSLATED} until they are; the list may only shrink: a listed template
 * found clean fails too, so that it comes off the list.
 */
class TemplateTextTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/**
	 * The pages still written in English in the template, to be moved to message keys.
	 */
	private static final Set<String> NOT_YET_TRANSLATED = Set.of();

	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove");

	private static final Set<String> READ_ATTRIBUTES = Set.of("placeholder", "title", "aria-label", "alt");

	private static final Pattern WORDS = Pattern.compile("\\p{L}{2,}");

	/** The attributes whose expressions make text a person reads. */
	private static final Set<String> TEXT_EXPRESSIONS = Set.of("th:text", "th:utext", "th:title", "th:placeholder",
			"th:alt", "th:attr", "th:aria-label");

	/** A quoted literal in an expression: 'Passed', 'not started'. */
	private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

	/** Words that are the same in every language (names, key caps). */
	private static final Set<String> NAMES = Set.of("Assay", "UTC", "Esc");

	@Test
	void everyWordATranslatedPageShowsIsAMessageKey() throws IOException {
		Map<String, List<String>> found = literalText();
		for (String template : NOT_YET_TRANSLATED) {
			assertThat(found).as("%s is listed as not yet translated; take it off the list", template)
				.containsKey(template);
		}
		Map<String, List<String>> offending = new TreeMap<>(found);
		NOT_YET_TRANSLATED.forEach(offending::remove);
		assertThat(offending).as("text written into templates instead of message keys").isEmpty();
	}

	private static Map<String, List<String>> literalText() throws IOException {
		Map<String, List<String>> found = new TreeMap<>();
		DOMMarkupParser parser = new DOMMarkupParser(ParseConfiguration.htmlConfiguration());
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".html")).toList()) {
				String name = TEMPLATES.relativize(file).toString().replace('\\', '/');
				List<String> text = new ArrayList<>();
				try {
					walk(parser.parse(Files.readString(file)), false, text);
				}
				catch (ParseException ex) {
					throw new IllegalStateException("Could not parse " + name, ex);
				}
				if (!text.isEmpty()) {
					found.put(name, text);
				}
			}
		}
		return found;
	}

	private static void walk(INestableNode node, boolean replaced, List<String> text) {
		for (INode child : node.getChildren()) {
			if (child instanceof Element element) {
				String tag = element.getElementName().toLowerCase(java.util.Locale.ROOT);
				if (tag.equals("script") || tag.equals("style")) {
					continue;
				}
				Map<String, String> attributes = element.getAttributeMap();
				boolean replaces = replaced || attributes.keySet().stream().anyMatch(REPLACING::contains);
				for (String attribute : READ_ATTRIBUTES) {
					String value = attributes.get(attribute);
					// An example address ("https://login.example.org") is not words to
					// translate.
					boolean example = value != null && !value.contains(" ") && value.contains(".");
					if (value != null && !example && words(value) && !attributes.containsKey("th:" + attribute)
							&& !attributes.containsKey("th:attr")) {
						text.add(attribute + "=\"" + value + "\"");
					}
				}
				for (String attribute : TEXT_EXPRESSIONS) {
					String expression = attributes.get(attribute);
					if (expression == null) {
						continue;
					}
					var literal = LITERAL.matcher(expression);
					while (literal.find()) {
						String value = literal.group(1);
						// A lone lowercase word is a token (a CSS class, 'page'), not
						// text.
						boolean sentence = value.strip().contains(" ") || (!value.isEmpty()
								&& Character.isUpperCase(value.strip().isEmpty() ? 'a' : value.strip().charAt(0)));
						if (sentence && words(value)) {
							text.add(attribute + ": '" + value + "'");
						}
					}
				}
				walk(element, replaces, text);
			}
			else if (child instanceof Text literal && !replaced && words(literal.getContent())) {
				text.add(literal.getContent().strip().replaceAll("\\s+", " "));
			}
		}
	}

	private static boolean words(String text) {
		var matcher = WORDS.matcher(text);
		while (matcher.find()) {
			if (!NAMES.contains(matcher.group())) {
				return true;
			}
		}
		return false;
	}

}
