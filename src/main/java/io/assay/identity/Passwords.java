package io.assay.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.assay.platform.EnglishMessages;
import io.assay.platform.InvalidInputException;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords with Argon2id (OWASP's first choice for password storage).
 * A check against no account still costs one full hash, so that response time does not
 * tell whether an email address has an account.
 */
@Component
class Passwords {

	static final int MIN_LENGTH = 12;

	/**
	 * nbvcxz's default: about 34 billion guesses, years for an attacker offline against
	 * Argon2id, far beyond what the login limits allow online.
	 */
	static final double MIN_ENTROPY_BITS = 35.0;

	// Argon2 hashes every byte: an unbounded password would be a cheap way to burn CPU.
	static final int MAX_LENGTH = 256;

	private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	// The estimator's dictionaries and the hash for unknown accounts take half a second
	// together: made off start-up's path, ready long before the first new password or
	// login.
	private static final CompletableFuture<Strength> STRENGTH = inBackground(Strength::new);

	private final CompletableFuture<String> hashOfNothing = inBackground(
			() -> this.encoder.encode("no account has this password"));

	private static <T> CompletableFuture<T> inBackground(Supplier<T> making) {
		return CompletableFuture.supplyAsync(making,
				preparing -> Thread.ofPlatform().name("passwords-prepared").daemon().start(preparing));
	}

	String hash(String password) {
		return this.encoder.encode(password);
	}

	boolean matches(String password, @Nullable String hash) {
		if (hash == null) {
			this.encoder.matches(password, this.hashOfNothing.join());
			return false;
		}
		return this.encoder.matches(password, hash);
	}

	/**
	 * Checks a new password; the field is named as the client sent it. Besides its
	 * length, a password must be hard to guess: nbvcxz estimates the guesses it takes
	 * (common passwords, dictionary words, names, keyboard walks, repeats, dates, and the
	 * person's own email address) and the answer says why a weak one is weak.
	 */
	static void requireAcceptable(String field, String password, String email) {
		List<FieldProblem> errors = new ArrayList<>();
		if (password.length() < MIN_LENGTH) {
			errors.add(new FieldProblem(field, Wording.of("field.too-short", MIN_LENGTH)));
		}
		else if (password.length() > MAX_LENGTH) {
			errors.add(new FieldProblem(field, Wording.of("field.too-long", MAX_LENGTH)));
		}
		else if (password.equalsIgnoreCase(email)) {
			errors.add(new FieldProblem(field, Wording.of("password.not-the-address")));
		}
		else {
			Result estimate = STRENGTH.join().estimate(password, email);
			if (!estimate.isMinimumEntropyMet()) {
				errors.add(new FieldProblem(field, weakness(estimate)));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	/**
	 * Why, in the reader's language: nbvcxz names its warning and suggestions by keys,
	 * worded here in Assay's own voice ({@code password.feedback.*}); a key this version
	 * of Assay does not know is left out rather than said in English.
	 */
	private static Wording weakness(Result estimate) {
		Feedback feedback = estimate.getFeedback();
		Wording warning = feedbackWording(feedback.getWarningKey());
		Wording said = warning == null ? Wording.of("password.too-easy")
				: Wording.of("password.too-easy-because", warning);
		for (String key : feedback.getSuggestionKeys()) {
			Wording suggestion = feedbackWording(key);
			if (suggestion != null) {
				said = Wording.of("text.then", said, suggestion);
			}
		}
		return said;
	}

	private static @Nullable Wording feedbackWording(@Nullable String key) {
		if (key == null || !key.startsWith("feedback.")) {
			return null;
		}
		String ours = "password." + key;
		return EnglishMessages.pattern(ours) == null ? null : Wording.of(ours);
	}

	/** The estimator, its dictionaries loaded once. */
	private static final class Strength {

		private final List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();

		Result estimate(String password, String email) {
			// The person's own address is the first thing an attacker tries.
			DictionaryBuilder own = new DictionaryBuilder().setDictionaryName("own").setExclusion(true);
			for (String part : email.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
				if (part.length() >= 3) {
					own.addWord(part, 0);
				}
			}
			List<Dictionary> all = new ArrayList<>(this.dictionaries);
			all.add(own.createDictionary());
			Configuration configuration = new ConfigurationBuilder().setDictionaries(all)
				.setMinimumEntropy(MIN_ENTROPY_BITS)
				.setLocale(java.util.Locale.ENGLISH)
				.createConfiguration();
			return new Nbvcxz(configuration).estimate(password);
		}

	}

}
