package io.assay.identity;

import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.MailIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation administered in Chromium without the API: an administrator invites a
 * colleague, who accepts through the emailed link and signs in; the administrator changes
 * their role and deactivates them, which ends their open session at once; back in, the
 * colleague reads Assay in German and makes a personal API token shown once.
 */
class PeopleBrowserTest extends MailIntegrationTest {

	@Test
	void anInvitedColleagueJoinsIsManagedAndReadsAssayInGerman() {
		SignedUp admin = this.api.signUp("Nordlicht Notified Body");
		String email = "colleague-" + UUID.randomUUID() + "@example.org";
		String password = "violet harbour lanterns at dusk";

		try (Browser administrator = Browser.open(this.api.base()); Browser colleague = Browser.open(this.api.base())) {
			administrator.signIn(admin.email(), admin.password());
			administrator.find("#nav-people").click();
			administrator.waitFor(d -> administrator.path().equals("/users"));
			assertThat(administrator.find("#seats").getText()).isEqualTo("1 of 5 seats taken on the trial tier");
			administrator.type("#invite-email", email);
			new Select(administrator.find("#invite-role")).selectByValue("process_manager");
			administrator.find("#send-invitation").click();
			administrator.waitFor(d -> administrator.find("#done").getText().equals("Invitation sent."));
			assertThat(administrator.find("#invitations").getText()).contains(email).contains("Process manager");
			assertThat(administrator.find("#seats").getText()).contains("2 of 5 seats")
				.contains("one of them an open invitation");

			Letter letter = awaitMail(email, 1);
			colleague.go(letter.linkPath());
			assertThat(colleague.find("h1").getText()).contains("Join Nordlicht Notified Body");
			colleague.type("#name", "Colette Colleague");
			colleague.type("#password", password);
			colleague.find("#accept-invitation").click();
			colleague.waitFor(d -> colleague.path().equals("/app"));
			colleague.signIn(email, password);

			administrator.go("/users");
			String row = "tr[data-user-id]";
			assertThat(administrator.driver().findElements(By.cssSelector(row))).hasSize(2);
			assertThat(administrator.driver().findElements(By.cssSelector("#invitations"))).isEmpty();
			String colleagueRow = "//tr[td//span[text()='" + email + "']]";
			assertThat(administrator.driver().findElement(By.xpath(colleagueRow)).getText())
				.contains("Colette Colleague")
				.contains("Active")
				.contains("Password");
			new Select(administrator.driver().findElement(By.xpath(colleagueRow + "//select")))
				.selectByValue("project_handler");
			administrator.driver().findElement(By.xpath(colleagueRow + "//button[text()='Change']")).click();
			administrator.waitFor(d -> administrator.find("#done").getText().equals("Role changed."));
			administrator.screenshot("people", 1440, 900);

			administrator.driver().findElement(By.xpath(colleagueRow + "//button[text()='Deactivate']")).click();
			administrator.waitFor(d -> administrator.find("#done").getText().startsWith("Deactivated"));
			colleague.go("/submissions");
			colleague.waitFor(d -> colleague.path().equals("/login"));

			administrator.driver().findElement(By.xpath(colleagueRow + "//button[text()='Reactivate']")).click();
			administrator.waitFor(d -> administrator.find("#done").getText().startsWith("Reactivated"));
			colleague.signIn(email, password);
			colleague.find("#nav-account").click();
			colleague.waitFor(d -> colleague.path().equals("/account"));
			new Select(colleague.find("#language")).selectByValue("de");
			colleague.find("#save-language").click();
			colleague.waitFor(d -> colleague.find("#done").getText().equals("Sprache gespeichert."));
			assertThat(colleague.find("h1").getText()).isEqualTo("Ihr Konto");
			assertThat(colleague.find("nav").getText()).contains("Übersicht").contains("Einreichungen");
			assertThat(colleague.find("html").getAttribute("lang")).isEqualTo("de");

			colleague.type("#token-name", "Nightly export");
			colleague.find("#create-token").click();
			colleague.waitFor(d -> colleague.find("#new-token").getAttribute("value").startsWith("assay_"));
			String token = colleague.find("#new-token").getAttribute("value");
			assertThat(this.api.get("/v1/me", token).expect(200).json().at("/user/email").asString()).isEqualTo(email);
			colleague.go("/account");
			assertThat(colleague.driver().findElements(By.id("new-token"))).as("shown once").isEmpty();
			assertThat(colleague.find("#tokens").getText()).contains("Nightly export");
		}
	}

}
