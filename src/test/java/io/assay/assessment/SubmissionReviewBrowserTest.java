package io.assay.assessment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A submission from creation to sign-off in Chromium: a process manager creates it and
 * assigns handler A with reviewer B (four eyes); A starts its first run with a required
 * bucket left empty, confirmed; B finds it in "my work", comments, overrules, is told
 * what still needs a decision, signs off; the report carries the sign-off; reviews are
 * locked; a reopen with a reason is audited.
 */
class SubmissionReviewBrowserTest extends IntegrationTest {

	@TempDir
	Path files;

	@Test
	void aSubmissionGoesFromCreationToSignOffUnderFourEyes() throws Exception {
		SignedUp admin = this.api.signUp("Four eyes body " + UUID.randomUUID());
		SignedUp manager = this.api.member(admin, "process_manager");
		SignedUp handlerA = this.api.member(admin, "project_handler");
		SignedUp reviewerB = this.api.member(admin, "project_handler");
		JsonNode workflow = this.api.post("/v1/workflows", manager.token(), Map.of("name", "ECG monitors", "buckets",
				List.of(Map.of("name", "Technical documentation", "required", true),
						Map.of("name", "Risk management file", "required", true)),
				"criteria",
				List.of(Map.of("name", "Risk file cites ISO 14971", "description",
						"The risk management file cites ISO 14971:2019.", "applies_to_bucket_indexes", List.of(1)),
						Map.of("name", "Signed and dated", "description",
								"Every document is signed and dated by the manufacturer.", "applies_to_bucket_indexes",
								List.of(0)),
						Map.of("name", "Intended purpose", "description",
								"The intended purpose of the device is stated.", "applies_to_bucket_indexes",
								List.of(0)))))
			.expect(201)
			.json();
		Path description = Files.write(this.files.resolve("cs300-device-description.pdf"),
				SampleFiles.pdf(List.of(new SampleFiles.PageText("1 Device description",
						List.of("The intended purpose of the CS-300 is ambulatory ECG monitoring.",
								"This document is signed and dated by the manufacturer's quality manager.")))));
		String reference = "NB-2026-" + (1000 + (int) (Math.random() * 8999));

		try (Browser browser = Browser.open(this.api.base())) {
			// The process manager asks for four eyes, creates the submission and assigns
			// it.
			browser.signIn(manager.email(), manager.password());
			browser.go("/workflows/" + workflow.at("/id").asString());
			new Select(browser.find("#sign-off-policy-choice")).selectByValue("four_eyes");
			browser.find("#save-sign-off-policy").click();
			browser.waitFor(d -> browser.find("#sign-off-policy-state").getText().equals("Saved."));
			browser.go("/submissions");
			browser.find("#new-submission").click();
			browser.waitFor(d -> browser.path().equals("/submissions/new"));
			browser.type("#reference", reference);
			new Select(browser.find("#workflow_id")).selectByVisibleText("ECG monitors");
			browser.type("#manufacturer", "CardioSense GmbH");
			browser.type("#product", "CS-300 ambulatory ECG monitor");
			new Select(browser.find("#owner_id")).selectByValue(handlerA.userId().toString());
			new Select(browser.find("#reviewer_id")).selectByValue(reviewerB.userId().toString());
			browser.find("#create-submission").click();
			browser.waitFor(d -> browser.path().matches("/submissions/[0-9a-f-]{36}"));
			String submission = browser.path().substring("/submissions/".length());
			assertThat(browser.find("h1").getText()).isEqualTo(reference);
			assertThat(browser.find("#reviewer").getText()).isNotEqualTo("nobody named");

			// Handler A starts the first run with the risk management file missing.
			browser.signIn(handlerA.email(), handlerA.password());
			browser.waitFor(d -> browser.find("#my-work").getText().contains(reference));
			browser.find("#my-work a[href='/submissions/" + submission + "']").click();
			browser.find("#start-run").click();
			browser.waitFor(d -> browser.path().equals("/assessments/new"));
			String technical = workflow.at("/buckets/0/id").asString();
			browser.find("[data-bucket-id='" + technical + "'] input[type=file]").sendKeys(description.toString());
			browser.waitFor(d -> d.findElements(By.cssSelector(".file.ready")).size() == 1);
			browser.find("#start").click();
			browser.waitFor(d -> browser.find("#confirm-missing").isDisplayed());
			assertThat(browser.find("#confirm-missing-text").getText()).contains("Risk management file");
			browser.find("#confirm-missing-start").click();
			browser.waitFor(d -> browser.path().matches("/assessments/[0-9a-f-]{36}"));
			String run = browser.path().substring("/assessments/".length());
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			browser.driver().navigate().refresh();
			assertThat(browser.find("#missing-documents").getText()).contains("Risk management file");
			assertThat(result(browser, "Risk file cites ISO 14971").getText())
				.contains("No document was provided for \u201cRisk management file\u201d.");

			// Reviewer B finds it in "my work" and reviews.
			browser.signIn(reviewerB.email(), reviewerB.password());
			browser.waitFor(d -> browser.find("#my-work").getText().contains(reference));
			browser.screenshot("my-work", 700);
			browser.find("#my-work a.latest-run").click();
			browser.waitFor(d -> browser.path().equals("/assessments/" + run));

			WebElement signed = result(browser, "Signed and dated");
			signed.findElement(By.cssSelector(".comments summary")).click();
			signed.findElement(By.cssSelector(".comments textarea")).sendKeys("The signature block is on page 1.");
			signed.findElement(By.cssSelector("button[data-comment]")).click();
			waitForText(browser, "Signed and dated", "Comments (1)");
			// The card came back with its comments open, and the form to add another.
			browser.waitFor(d -> result(browser, "Signed and dated").findElement(By.cssSelector(".comments textarea"))
				.isDisplayed());

			WebElement risk = result(browser, "Risk file cites ISO 14971");
			risk.findElement(By.cssSelector(".open-overrule")).click();
			risk.findElement(By.cssSelector(".review-form textarea"))
				.sendKeys("The risk management file came on paper and cites ISO 14971:2019.");
			risk.findElement(By.cssSelector("button[data-decision='overrule']")).click();
			waitForText(browser, "Risk file cites ISO 14971", "Overruled");

			// The process manager may comment on a result but not review it.
			browser.signIn(manager.email(), manager.password());
			browser.go("/assessments/" + run);
			assertThat(browser.driver().findElements(By.cssSelector(".open-overrule, button[data-decision]")))
				.as("no review for a process manager")
				.isEmpty();
			WebElement purpose = result(browser, "Intended purpose");
			purpose.findElement(By.cssSelector(".comments summary")).click();
			purpose.findElement(By.cssSelector(".comments textarea")).sendKeys("Worded as in the workflow's guidance.");
			purpose.findElement(By.cssSelector("button[data-comment]")).click();
			waitForText(browser, "Intended purpose", "Comments (1)");
			assertThat(this.database.asOwner()
				.sql("select count(*) from result_comments where author_id = ? and body = ?")
				.params(manager.userId(), "Worded as in the workflow's guidance.")
				.query(Long.class)
				.single()).isEqualTo(1);
			browser.signIn(reviewerB.email(), reviewerB.password());
			browser.go("/assessments/" + run);

			List<String> open = needingReview(browser);
			assertThat(open).as("the offline checker leaves what the documents mention to a person").isNotEmpty();
			browser.find("#sign-off-submit").click();
			browser.waitFor(d -> browser.find("#sign-off-form .error").isDisplayed());
			String refusal = browser.find("#sign-off-form .error").getText();
			assertThat(refusal).contains("still need").contains(open.getFirst());

			for (String name : open) {
				WebElement card = result(browser, name);
				List<WebElement> confirm = card.findElements(By.cssSelector("button[data-decision='confirm']"));
				if (confirm.isEmpty()) {
					card.findElement(By.cssSelector(".open-overrule")).click();
					card.findElement(By.cssSelector(".review-form textarea")).sendKeys("Checked against page 1.");
					card.findElement(By.cssSelector("button[data-decision='overrule'][data-pass='true']")).click();
				}
				else {
					confirm.getFirst().click();
				}
				waitForText(browser, name, "Confirmed", "Overruled");
			}
			browser.find("#sign-off-statement").clear();
			browser.find("#sign-off-statement")
				.sendKeys("Reviewed against the documents; I stand behind every verdict.");
			browser.find("#sign-off-submit").click();
			browser.waitFor(d -> browser.find("#sign-off h2").getText().contains("Signed off"));
			assertThat(browser.find("#sign-off").getText())
				.contains("Reviewed against the documents; I stand behind every verdict.");
			assertThat(browser.driver().findElements(By.cssSelector(".review-form"))).as("reviews are locked")
				.isEmpty();
			browser.screenshot("signed-off-run", 1000);

			try (PDDocument pdf = Loader
				.loadPDF(this.api.getBytes("/v1/assessments/" + run + "/report.pdf", reviewerB.token()).body())) {
				String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
				assertThat(text).contains("Signed off")
					.contains("Reviewed against the documents; I stand behind every verdict.")
					.contains("Missing required documents");
			}
			String anyResult = this.api.get("/v1/assessments/" + run + "/results", reviewerB.token())
				.json()
				.at("/0/id")
				.asString();
			this.api
				.post("/v1/assessments/" + run + "/results/" + anyResult + "/review", handlerA.token(),
						Map.of("decision", "overrule", "pass", false, "comment", "Changed my mind."))
				.expect(409);

			browser.find("#sign-off details summary").click();
			browser.find("#reopen-reason").sendKeys("The manufacturer sent a revised risk management file.");
			browser.find("#reopen").click();
			browser.waitFor(d -> browser.find("#sign-off h2").getText().equals("Sign off"));
			assertThat(this.database.asOwner()
				.sql("select metadata ->> 'reason' from audit_logs where action = 'run_reopened' and resource_id = ?")
				.param(UUID.fromString(run))
				.query(String.class)
				.single()).isEqualTo("The manufacturer sent a revised risk management file.");

			browser.go("/submissions?q=" + reference);
			browser.waitFor(d -> browser.find("#submissions").getText().contains(reference));
			assertThat(browser.find("#submissions").getText()).contains("CardioSense GmbH").contains("In review");
			browser.screenshot("submissions-list", 700);
		}
	}

	private static WebElement result(Browser browser, String name) {
		return browser.driver()
			.findElements(By.cssSelector(".result"))
			.stream()
			.filter(card -> card.findElement(By.tagName("h3")).getText().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No result for " + name));
	}

	/**
	 * Waits until a result's card shows a text, across the page reloads a review makes.
	 */
	private static void waitForText(Browser browser, String name, String... anyOf) {
		browser.waitFor(d -> {
			try {
				return d.findElements(By.cssSelector(".result"))
					.stream()
					.anyMatch(card -> card.findElement(By.tagName("h3")).getText().equals(name)
							&& java.util.Arrays.stream(anyOf).anyMatch(card.getText()::contains));
			}
			catch (org.openqa.selenium.WebDriverException ex) {
				return false;
			}
		});
	}

	private static List<String> needingReview(Browser browser) {
		return browser.driver()
			.findElements(By.cssSelector(".result"))
			.stream()
			.filter(card -> !card.findElements(By.cssSelector(".verdict .badge.review")).isEmpty()
					&& card.findElements(By.cssSelector(".review-note")).isEmpty())
			.map(card -> card.findElement(By.tagName("h3")).getText())
			.toList();
	}

}
