package io.assay.identity;

import java.util.ArrayList;
import java.util.List;

import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
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

	// Argon2 hashes every byte: an unbounded password would be a cheap way to burn CPU.
	static final int MAX_LENGTH = 256;

	private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	private final String hashOfNothing = this.encoder.encode("no account has this password");

	String hash(String password) {
		return this.encoder.encode(password);
	}

	boolean matches(String password, @Nullable String hash) {
		if (hash == null) {
			this.encoder.matches(password, this.hashOfNothing);
			return false;
		}
		return this.encoder.matches(password, hash);
	}

	/** Checks a new password; the field is named as the client sent it. */
	static void requireAcceptable(String field, String password, String email) {
		List<FieldProblem> errors = new ArrayList<>();
		if (password.length() < MIN_LENGTH) {
			errors.add(new FieldProblem(field, "must be at least " + MIN_LENGTH + " characters"));
		}
		else if (password.length() > MAX_LENGTH) {
			errors.add(new FieldProblem(field, "must be at most " + MAX_LENGTH + " characters"));
		}
		else if (password.equalsIgnoreCase(email)) {
			errors.add(new FieldProblem(field, "must not be the email address"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

}
