package io.assay.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * {@code messages.properties} itself, read once: the English words, and the list of keys
 * every language has (a test holds German to the same keys).
 */
public final class EnglishMessages {

	private static final Properties MESSAGES = read();

	private EnglishMessages() {
	}

	/** The English pattern of a key, or null if there is no such message. */
	public static @Nullable String pattern(String key) {
		return MESSAGES.getProperty(key);
	}

	/** Every key that starts with {@code prefix}, sorted. */
	public static List<String> keysStartingWith(String prefix) {
		return MESSAGES.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).sorted().toList();
	}

	private static Properties read() {
		Properties messages = new Properties();
		try (InputStream in = EnglishMessages.class.getResourceAsStream("/messages.properties")) {
			if (in == null) {
				throw new IllegalStateException("messages.properties is not on the class path");
			}
			messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return messages;
	}

}
