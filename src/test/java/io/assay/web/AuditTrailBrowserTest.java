package io.assay.web;

import java.util.UUID;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail in Chromium: an administrator filters it by person and action, opens
 * what an entry is about, verifies the chain (whole, then broken by a removed seal), and
 * exports the filtered trail as CSV. Nobody else sees it, and no other organisation's
 * entries.
 */
class AuditTrailBrowserTest extends IntegrationTest {

	@Test
	void anAdministratorFiltersOpensVerifiesAndExportsTheTrail() {
		SignedUp admin = this.api.signUp("Audited body");
		SignedUp manager = this.api.member(admin, "process_manager");
		String workflow = this.api
			.post("/v1/workflows", manager.token(), java.util.Map.of("name", "Audited workflow", "buckets",
					java.util.List.of(java.util.Map.of("name", "Documents")), "criteria",
					java.util.List
						.of(java.util.Map.of("name", "Signed", "description", "Every document is signed and dated."))))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		SignedUp stranger = this.api.signUp("Other audited body");
		this.api.oneBucketWorkflow(stranger.token(), "Stranger's workflow");

		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(admin.email(), admin.password());
			browser.find("#nav-audit").click();
			browser.waitFor(d -> browser.path().equals("/audit"));
			assertThat(browser.find("#entries").getText()).contains("organization_created")
				.contains("workflow_created")
				.doesNotContain("Stranger");

			new Select(browser.find("#filter-person")).selectByVisibleText("Admin of Audited body");
			browser.find("#apply-filter").click();
			browser.waitFor(d -> browser.driver().getCurrentUrl().contains("user_id="));
			assertThat(browser.find("#entries").getText()).doesNotContain("workflow_created");
			new Select(browser.find("#filter-person")).selectByIndex(0);
			new Select(browser.find("#filter-action")).selectByValue("workflow_created");
			browser.find("#apply-filter").click();
			browser.waitFor(d -> browser.find("#entry-count").getText().equals("One entry"));
			assertThat(browser.find("#entries").getText()).contains("A process_manager");
			browser.find("#entries a[href^='/workflows/']").click();
			browser.waitFor(d -> browser.path().equals("/workflows/" + workflow));

			browser.go("/audit");
			browser.find("#verify-chain").click();
			browser.waitFor(d -> browser.find("#verification").getText().startsWith("The chain is whole"));
			browser.screenshot("audit-trail", 1440, 900);
			this.database.asOwnerInOneTransaction(owner -> {
				owner.sql("alter table audit_seals disable trigger audit_seals_append_only").update();
				owner.sql("""
						delete from audit_seals where entry_id =
						  (select id from audit_logs where organization_id = ? order by seq desc limit 1)
						""").param(admin.organizationId()).update();
				owner.sql("alter table audit_seals enable trigger audit_seals_append_only").update();
			});
			browser.find("#verify-chain").click();
			browser.waitFor(d -> browser.find("#verification").getText().startsWith("The chain is broken"));

			browser.signIn(manager.email(), manager.password());
			browser.go("/audit");
			assertThat(browser.find("h1").getText()).startsWith("403");
			assertThat(browser.driver().findElements(By.id("nav-audit"))).isEmpty();
		}

		Api session = this.api.browserSession().signInWithForm(admin);
		Api.Response csv = session.get("/audit/export.csv?action=workflow_created", null).expect(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).contains("attachment").contains("audit-trail-");
		assertThat(csv.body().lines()).hasSize(2);
		assertThat(csv.body()).contains("workflow_created").contains(workflow).doesNotContain("Stranger");
		session.get("/audit?from=yesterday", null).expect(422);
		session.get("/audit?user_id=" + UUID.randomUUID() + "&resource_id=nope", null).expect(422);
		this.api.browserSession().signInWithForm(manager).get("/audit/export.csv", null).expect(403);
		assertThat(this.api.browserSession()
			.signInWithForm(stranger)
			.get("/audit?resource_id=" + workflow, null)
			.expect(200)
			.body()).contains("No entries match.");
	}

}
