package io.assay.assessment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step 2 of the journey in Chromium: a project handler adds three files to two buckets
 * (one is refused, with its reason shown), starts the assessment and watches it to the
 * end.
 */
class NewAssessmentBrowserTest extends IntegrationTest {

	@TempDir
	Path files;

	@Test
	void aProjectHandlerUploadsStartsAndWatchesProgress() throws IOException {
		SignedUp admin = this.api.signUp("Browsing assessor");
		SignedUp handler = this.api.member(admin, "project_handler");
		JsonNode workflow = this.api.post("/v1/workflows", admin.token(),
				Map.of("name", "Infusion pumps", "buckets",
						List.of(Map.of("name", "Technical documentation"), Map.of("name", "Test reports")), "criteria",
						List.of(Map.of("name", "Signed", "description", "Every document is signed and dated."),
								Map.of("name", "Test summary", "description",
										"The test report has a pass/fail summary.", "applies_to_bucket_indexes",
										List.of(1)))))
			.expect(201)
			.json();
		Path report = Files.write(this.files.resolve("test-report.pdf"), SampleFiles.testReport());
		Path archive = Files.write(this.files.resolve("annexes.pdf"), SampleFiles.zipArchive());
		Path description = Files.write(this.files.resolve("device-description.docx"), SampleFiles.docx());

		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(handler.email(), handler.password());
			browser.go("/assessments/new");
			browser.driver().findElement(By.partialLinkText("Infusion pumps")).click();
			browser.waitFor(d -> browser.path().equals("/assessments/new"));
			assertThat(browser.find("#start").isEnabled()).isFalse();
			assertThat(browser.find("#start-hint").getText()).isEqualTo(
					"Still missing: a document in \u201cTechnical documentation\u201d, \u201cTest reports\u201d.");

			WebElement technical = bucket(browser, workflow, 0);
			WebElement tests = bucket(browser, workflow, 1);
			tests.findElement(By.cssSelector("input[type=file]")).sendKeys(report + "\n" + archive);
			technical.findElement(By.cssSelector("input[type=file]")).sendKeys(description.toString());

			browser.waitFor(d -> d.findElements(By.cssSelector(".file.ready")).size() == 2
					&& d.findElements(By.cssSelector(".file.refused")).size() == 1);
			assertThat(browser.find(".file.refused .file-state").getText()).isEqualTo(
					"Refused: annexes.pdf is a ZIP archive, not a PDF or Word (DOCX) document. Upload the documents it contains instead.");
			assertThat(browser.find(".file.ready .file-state").getText()).startsWith("Ready");
			assertThat(browser.find("#start-hint").getText()).isEqualTo("Ready to start with 2 documents.");
			browser.screenshot("new-assessment", 1000);

			browser.find("#start").click();
			browser.waitFor(d -> browser.path().matches("/assessments/[0-9a-f-]{36}"));
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			assertThat(browser.find("#progress-text").getText()).isEqualTo("2 of 2 criteria checked");
			assertThat(browser.find("#progress-bar").getAttribute("value")).isEqualTo("2");
			browser.screenshot("assessment-progress", 1000);

			// The offline checker never passes: the summary it quotes waits for a person.
			assertThat(browser.find(".result-summary").getText()).startsWith("0 of 2 criteria passed");
			WebElement summary = browser.driver()
				.findElements(By.cssSelector(".result"))
				.stream()
				.filter(result -> result.findElement(By.tagName("h3")).getText().equals("Test summary"))
				.findFirst()
				.orElseThrow();
			summary.findElement(By.cssSelector(".open-overrule")).click();
			summary.findElement(By.cssSelector("button[data-pass='true']")).click();
			WebElement error = summary.findElement(By.cssSelector(".review-error"));
			browser.waitFor(d -> error.isDisplayed());
			assertThat(error.getText()).contains("say why");
			summary.findElement(By.tagName("textarea")).sendKeys("Table 5 on page 3 is the summary.");
			summary.findElement(By.cssSelector("button[data-pass='true']")).click();
			browser.waitFor(d -> !d.findElements(By.cssSelector(".review-note")).isEmpty());
			assertThat(browser.find(".review-note").getText()).startsWith("Overruled by A project_handler")
				.contains("Table 5 on page 3 is the summary.");
			assertThat(browser.find(".review-note")
				.findElement(By.xpath(".."))
				.findElement(By.cssSelector(".verdict"))
				.getText()).as("the reviewer's verdict beside the AI's")
				.contains("Reviewer: passed")
				.contains("AI: undecided");
			assertThat(browser.find(".result-summary").getText()).startsWith("1 of 2 criteria passed");
			browser.screenshot("assessment-results", 1000);

			WebElement evidence = browser.driver()
				.findElements(By.cssSelector(".result"))
				.stream()
				.filter(result -> result.findElement(By.tagName("h3")).getText().equals("Test summary"))
				.findFirst()
				.orElseThrow()
				.findElement(By.cssSelector("a.evidence-link"));
			assertThat(evidence.getText()).isEqualTo("test-report.pdf, page 3, 3.2 Test results");
			evidence.click();
			browser.waitFor(d -> "3".equals(browser.find("#viewer").getAttribute("data-rendered-page")));
			assertThat(browser.find("#viewer-page").getText()).isEqualTo("Page 3 of 3");
			assertThat(browser.find("#viewer-unverified").isDisplayed()).isFalse();
			List<WebElement> highlighted = browser.driver().findElements(By.cssSelector("#viewer-marks mark"));
			assertThat(highlighted).extracting(mark -> mark.getAttribute("textContent"))
				.containsExactly("Table 5: summary of results");
			assertThat(highlighted.get(0).getSize().getWidth()).isPositive();
			browser.screenshot("evidence-viewer", 1000);
			browser.find("#viewer-previous").click();
			browser.waitFor(d -> "2".equals(browser.find("#viewer").getAttribute("data-rendered-page")));
			assertThat(browser.driver().findElements(By.cssSelector("#viewer-marks mark"))).isEmpty();
			browser.find("#viewer-close").click();

			browser.find("#filter-needs-review").click();
			browser
				.waitFor(d -> browser.path().endsWith("filter=needs-review") || d.getCurrentUrl().contains("filter="));
			assertThat(browser.driver().findElements(By.cssSelector(".result h3")).stream().map(WebElement::getText))
				.doesNotContain("Test summary");

			browser.find("#share").click();
			browser.find("#share-create").click();
			browser.waitFor(d -> !browser.find("#share-url").getAttribute("value").isEmpty());
			String link = browser.find("#share-url").getAttribute("value");
			try (Browser visitor = Browser.open(this.api.base())) {
				visitor.driver().get(link);
				visitor.waitFor(d -> visitor.find("h1").getText().equals("Assessment report"));
				assertThat(visitor.find(".result-summary").getText()).startsWith("1 of 2 criteria passed");
				browser.waitFor(d -> !d.findElements(By.cssSelector("#share-list button.share-revoke")).isEmpty());
				browser.find("#share-list button.share-revoke").click();
				browser.waitFor(d -> browser.find("#share-state").getText().startsWith("Revoked"));
				visitor.driver().navigate().refresh();
				visitor.waitFor(d -> !visitor.find("h1").getText().equals("Assessment report"));
				assertThat(visitor.driver().getPageSource()).doesNotContain("criteria passed");
			}
		}
	}

	private static WebElement bucket(Browser browser, JsonNode workflow, int index) {
		return browser.find("[data-bucket-id='" + workflow.at("/buckets/" + index + "/id").asString() + "']");
	}

}
