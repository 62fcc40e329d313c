package io.assay.workflow;

import java.util.List;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step 1 of the journey in Chromium: a process manager builds a workflow from scratch,
 * fixes what the builder flags, saves, and colleagues see it; another organisation does
 * not.
 */
class WorkflowBuilderBrowserTest extends IntegrationTest {

	@Test
	void aProcessManagerBuildsAWorkflowThatColleaguesSeeAndOutsidersDoNot() {
		SignedUp admin = this.api.signUp("Notified Body Nord");
		SignedUp manager = this.api.member(admin, "process_manager");
		SignedUp handler = this.api.member(admin, "project_handler");
		SignedUp outsider = this.api.signUp("Another Body");

		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(manager.email(), manager.password());
			assertThat(browser.find("#first-step-heading").getText()).contains("First step");
			browser.screenshot("dashboard-first-step", 900);
			browser.find(".first-step a[href='/workflows/new']").click();
			browser.waitFor(d -> browser.path().equals("/workflows/new"));

			browser.type("#workflow-name", "Active devices, class IIb");
			browser.type("#workflow-description", "Pre-check of technical documentation for active class IIb devices.");
			browser.type(bucket(1) + " input[type=text]", "Technical documentation");
			browser.find("#add-bucket").click();
			browser.type(bucket(2) + " input[type=text]", "Risk management file");
			browser.find(bucket(2) + " input[type=checkbox]").click();
			browser.find("#add-bucket").click();
			browser.type(bucket(3) + " input[type=text]", "Test reports");
			// Reorder with the keyboard-reachable button: test reports before the risk
			// file.
			browser.find(bucket(3) + " [data-action=up]").click();
			assertThat(browser.driver().switchTo().activeElement().getAttribute("aria-label"))
				.isEqualTo("Move bucket Test reports up");

			fillCriterion(browser, 1, "Signed and dated", "Every document carries a signature and a date of approval.");
			browser.find("#add-criterion").click();
			fillCriterion(browser, 2, "Test summary", "The test report has a pass/fail summary of all tests.");
			chooseBucket(browser, 2, "Test reports");
			browser.find("#add-criterion").click();
			fillCriterion(browser, 3, "Risk management per ISO 14971:2019",
					"The risk management file follows EN ISO 14971:2019 and ends with a risk management report.");
			browser.find("#add-criterion").click();
			browser.type(criterion(4) + " input[type=text]", "Consistent device name");

			// Saved without a description, criterion 4 is flagged where it is written.
			browser.find("#save").click();
			WebElement error = browser.waitFor(d -> {
				WebElement message = browser.find(criterion(4) + " [id$=-description-error]");
				return message.isDisplayed() ? message : null;
			});
			assertThat(error.getText()).startsWith("Describe what must be true");
			assertThat(browser.find("#error-summary").getText()).contains("Not saved");
			assertThat(browser.find(criterion(4) + " textarea").getAttribute("aria-invalid")).isEqualTo("true");

			browser.type(criterion(4) + " textarea",
					"The device name, model and class are the same in every document of the submission.");
			browser.find("#save").click();
			browser.waitFor(d -> browser.find("#save-status").getText().contains("Saved as version 1"));
			assertThat(browser.find("#error-summary").isDisplayed()).isFalse();
			browser.screenshot("workflow-builder", 2300);

			String id = browser.path().split("/")[2];
			JsonNode saved = this.api.get("/v1/workflows/" + id, manager.token()).expect(200).json();
			assertThat(saved.at("/buckets").findValuesAsString("name")).containsExactly("Technical documentation",
					"Test reports", "Risk management file");
			assertThat(saved.at("/buckets/2/required").asBoolean()).isFalse();
			assertThat(saved.at("/criteria").size()).isEqualTo(4);
			assertThat(saved.at("/criteria/1/applies_to_bucket_ids").size()).isEqualTo(1);
			assertThat(saved.at("/criteria/1/applies_to_bucket_ids/0").asString())
				.isEqualTo(saved.at("/buckets/1/id").asString());
			assertThat(saved.at("/criteria/0/applies_to_bucket_ids").size()).isZero();

			browser.go("/app");
			assertThat(browser.find("#workflows-heading").isDisplayed()).isTrue();
			browser.screenshot("dashboard", 900);

			browser.signIn(handler.email(), handler.password());
			browser.go("/workflows");
			browser.driver().findElement(By.linkText("Active devices, class IIb")).click();
			browser.waitFor(d -> browser.path().equals("/workflows/" + id));
			assertThat(browser.find("#criterion-list").getText()).contains("Test summary");
			assertThat(browser.driver().findElements(By.id("edit-workflow"))).isEmpty();
			assertThat(browser.driver().findElements(By.id("new-workflow"))).isEmpty();
			browser.screenshot("workflow", 1100);

			browser.signIn(outsider.email(), outsider.password());
			browser.go("/workflows");
			assertThat(browser.find("main").getText()).doesNotContain("Active devices, class IIb");
			browser.go("/workflows/" + id);
			assertThat(browser.find("h1").getText()).startsWith("404");
		}
	}

	private static String bucket(int position) {
		return "#buckets > li:nth-child(" + position + ")";
	}

	private static String criterion(int position) {
		return "#criteria > li:nth-child(" + position + ")";
	}

	private static void fillCriterion(Browser browser, int position, String name, String description) {
		browser.type(criterion(position) + " input[type=text]", name);
		browser.type(criterion(position) + " textarea", description);
	}

	private static void chooseBucket(Browser browser, int position, String bucketName) {
		List<WebElement> choices = browser.driver().findElements(By.cssSelector(criterion(position) + " .chip-choice"));
		choices.stream()
			.filter(choice -> choice.getText().equals(bucketName))
			.findFirst()
			.orElseThrow()
			.findElement(By.tagName("input"))
			.click();
	}

}
