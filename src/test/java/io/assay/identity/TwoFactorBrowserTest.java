package io.assay.identity;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import io.assay.TotpCodes;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two factors in Chromium: an administrator adds an authenticator app from their account
 * page (QR code, code, recovery codes shown once) and signs in with its code; they then
 * demand two factors of everyone, and a colleague sets up an app at their next sign-in.
 */
class TwoFactorBrowserTest extends IntegrationTest {

	@Test
	void anAdministratorAddsAnAppThenDemandsOneOfEveryone() {
		SignedUp admin = this.api.signUp("Second factor body");
		SignedUp handler = this.api.member(admin, "project_handler");

		try (Browser browser = Browser.open(this.api.base()); Browser colleague = Browser.open(this.api.base())) {
			browser.signIn(admin.email(), admin.password());
			browser.go("/account");
			browser.find("#start-two-factor").click();
			String secret = browser.waitFor(d -> browser.find("#totp-secret")).getText();
			assertThat(browser.find(".qr-box svg title").getAttribute("textContent")).contains("QR code");
			browser.type("#two-factor-code", TotpCodes.wrong(secret));
			browser.find("#confirm-code").click();
			browser.waitFor(d -> browser.find("#confirm-two-factor .field-error").isDisplayed());
			browser.type("#two-factor-code", TotpCodes.now(secret));
			browser.find("#confirm-code").click();
			browser.waitFor(d -> d.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
			browser.find("#continue").click();
			browser.waitFor(d -> browser.find("#done").getText().equals("Two-factor sign-in is on."));

			browser.find("form[action$='/logout'] button").click();
			browser.waitFor(d -> browser.path().equals("/login"));
			browser.type("#email", admin.email());
			browser.type("#password", admin.password());
			browser.find("form button[type=submit]").click();
			browser.waitFor(d -> browser.path().equals("/login") && !d.findElements(By.id("code")).isEmpty());
			browser.type("#code", TotpCodes.next(secret));
			browser.find("#verify-code").click();
			browser.waitFor(d -> browser.path().equals("/app"));

			browser.find("#nav-settings").click();
			browser.waitFor(d -> browser.path().equals("/settings"));
			browser.find("#require_two_factor").click();
			browser.find("#save-settings").click();
			browser.waitFor(d -> browser.find("#done").getText().equals("Settings saved."));

			colleague.go("/login");
			colleague.type("#email", handler.email());
			colleague.type("#password", handler.password());
			colleague.find("form button[type=submit]").click();
			String proposed = colleague.waitFor(d -> colleague.find("#totp-secret")).getText();
			assertThat(colleague.find("h1").getText()).isEqualTo("Set up two-factor sign-in");
			colleague.type("#code", TotpCodes.now(proposed));
			colleague.find("#verify-code").click();
			colleague.waitFor(d -> d.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
			colleague.find("#continue").click();
			colleague.waitFor(d -> colleague.path().equals("/app"));
			colleague.go("/account");
			assertThat(colleague.find("#two-factor-state").getText()).startsWith("On");
			assertThat(colleague.driver().findElements(By.id("disable-two-factor")))
				.as("required: cannot be turned off")
				.isEmpty();
		}
	}

}
