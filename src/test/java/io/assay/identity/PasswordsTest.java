package io.assay.identity;

import java.util.Locale;

import io.assay.TestMessages;
import io.assay.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Passwords long enough but easy to guess are refused with a reason a person can act on;
 * passphrases of uncommon words pass.
 */
class PasswordsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			password1234             | common password
			123456789012             | common password
			aaaaaaaaaaaa             | repeats
			"            "           | repeats
			Password1234!            | common password
			qwertyuiopasdf           | common password
			iloveyou1234             | common password
			""")
	void guessablePasswordsAreRefusedSayingWhy(String password, String reason) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Passwords.requireAcceptable("password", password, "someone@notified-body.example"))
			.satisfies(ex -> {
				assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("password");
					assertThat(error.message()).startsWith("is too easy to guess").containsIgnoringCase(reason);
				});
			});
	}

	@Test
	void thePersonsOwnAddressDoesNotMakeAPassword() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Passwords.requireAcceptable("password", "hildegard-wunderlich",
					"hildegard.wunderlich@tuev.example"))
			.withMessageContaining("too easy to guess");
	}

	@Test
	void theReasonIsSaidInTheReadersLanguage() {
		MessageSource messages = TestMessages.assays();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Passwords.requireAcceptable("password", "password1234", "someone@notified-body.example"))
			.satisfies(ex -> assertThat(ex.errors().getFirst().message(messages, Locale.GERMAN))
				.startsWith("ist zu leicht zu erraten: ")
				.contains("häufigsten Passwörtern"));
	}

	@Test
	void everyReasonTheEstimatorGivesIsWordedByAssay() {
		java.util.ResourceBundle estimators = java.util.ResourceBundle.getBundle("feedback", Locale.ROOT);
		assertThat(estimators.keySet()).isNotEmpty()
			.allSatisfy(key -> assertThat(io.assay.platform.EnglishMessages.pattern("password." + key)).as(key)
				.isNotNull());
	}

	@Test
	void passphrasesOfUncommonWordsPass() {
		assertThatNoException()
			.isThrownBy(() -> Passwords.requireAcceptable("password", "quartz lantern meadow 42", "a@b.example"));
		assertThatNoException()
			.isThrownBy(() -> Passwords.requireAcceptable("password", "Tr0ub4dor&3xyz", "a@b.example"));
	}

}
