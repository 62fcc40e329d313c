package io.assay.assessment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTestBase;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer's screen in Chromium, with a stand-in for Claude that cites the page each
 * criterion is about: a whole review with the keyboard alone, the viewer reading only the
 * part of a long PDF it shows, and Word evidence.
 */
class ReviewerScreenBrowserTest extends IntegrationTestBase {

	private static final StandInMessagesApi CLAUDE = StandInMessagesApi.started();

	private static final Path DATA = temporaryDirectory();

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36}) \\| file: ([^ |]+)");

	private static final Pattern REQUIREMENT = Pattern.compile("Criterion: Requirement (\\d+)");

	@DynamicPropertySource
	static void claude(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
		CLAUDE.judgeWithClaude(registry);
	}

	@AfterAll
	static void stop() {
		CLAUDE.close();
	}

	/**
	 * Ten criteria, "Requirement N" cited on page N; the even ones fail. Reviewed from
	 * the first card to the last with keys only: no element is clicked.
	 */
	@Test
	void aWholeAssessmentIsReviewedWithTheKeyboardAlone() throws IOException {
		CLAUDE.answerWith(ReviewerScreenBrowserTest::requirementOnItsPage);
		SignedUp admin = this.api.signUp("Keyboard notified body");
		SignedUp handler = this.api.member(admin, "project_handler");
		List<Map<String, Object>> criteria = new ArrayList<>();
		List<SampleFiles.PageText> pages = new ArrayList<>();
		for (int number = 1; number <= 10; number++) {
			criteria.add(Map.of("name", "Requirement " + number, "description",
					"The manufacturer documents the verification of requirement " + number + "."));
			pages.add(new SampleFiles.PageText(number + " Verification", List.of(line(number))));
		}
		String assessment = start(admin, handler, criteria, "verification.pdf", SampleFiles.pdf(pages));

		try (Browser browser = Browser.open(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			JavascriptExecutor page = (JavascriptExecutor) browser.driver();
			page.executeScript("window.notReloaded = true;");
			List<String> order = titles(browser);
			assertThat(order).as("failed first").startsWith("Requirement 2", "Requirement 4");
			browser.screenshot("results-first", 1440, 900);
			browser.screenshot("results-mobile", 390, 844);
			browser.resize(1440, 900);

			browser.press("]");
			assertThat(browser.focused().getAttribute("data-result-id")).isEqualTo(cardId(browser, 0));
			browser.press("j");
			waitForPage(browser, number(order.get(0)));
			assertThat(browser.focused().getAttribute("class")).contains("evidence-link");
			browser.press("c");
			waitForReview(browser, 0, "Confirmed");
			assertThat(browser.focused().getAttribute("data-result-id")).as("on to the next criterion")
				.isEqualTo(cardId(browser, 1));

			browser.press("o");
			assertThat(browser.focused().getTagName()).isEqualTo("textarea");
			browser.press("The verification record is not signed.");
			browser.press(Keys.TAB);
			assertThat(browser.focused().getAttribute("data-decision")).isEqualTo("overrule");
			browser.press(Keys.ENTER);
			waitForReview(browser, 1, "Overruled");
			assertThat(card(browser, 1).getText()).contains("Reviewer: passed").contains("AI: failed");

			for (int index = 2; index < 10; index++) {
				assertThat(browser.focused().getAttribute("data-result-id")).isEqualTo(cardId(browser, index));
				browser.press(Keys.TAB);
				assertThat(browser.focused().getAttribute("class")).as("the card's evidence comes first")
					.contains("evidence-link");
				browser.press(Keys.ENTER);
				waitForPage(browser, number(order.get(index)));
				if (index == 2) {
					browser.press("k");
					waitForPage(browser, number(order.get(1)));
					browser.press("j");
					waitForPage(browser, number(order.get(2)));
					browser.press("[");
					assertThat(browser.focused().getAttribute("data-result-id")).isEqualTo(cardId(browser, 1));
					browser.press("]");
				}
				browser.press("c");
				waitForReview(browser, index, "Confirmed");
			}

			assertThat(titles(browser)).as("the order is kept while reviewing").isEqualTo(order);
			assertThat(browser.find("#result-summary").getText()).contains("10 of 10 reviewed");
			assertThat(page.executeScript("return window.notReloaded === true;")).as("updated in place")
				.isEqualTo(true);
			browser.press(Keys.ESCAPE);
			browser.waitFor(d -> !browser.find("#viewer").isDisplayed());

			browser.go("/assessments/" + assessment + "?filter=everything");
			assertThat(browser.find("main").getText()).as("a filter the page does not have, said on a page")
				.contains("filter must be one of [all, failed, needs-review, not-reviewed].");
		}
	}

	/**
	 * Evidence on page 180 of a 200-page PDF of about 16 MB: the document of the first
	 * evidence is opened as the page loads (its header, cross-reference table and page
	 * tree), and the viewer shows the page, with its text selectable, having fetched a
	 * small part of the file.
	 */
	@Test
	void evidenceOnPage180OfALongDocumentFetchesOnlyPartOfIt() throws IOException {
		CLAUDE.answerWith(body -> cite(body, 180, "Record 180: the batch was released on inspection."));
		SignedUp admin = this.api.signUp("Long documents body");
		SignedUp handler = this.api.member(admin, "project_handler");
		byte[] annex = SampleFiles.heavyPages(200);
		String assessment = start(admin, handler,
				List.of(Map.of("name", "Batch released", "description", "Each batch is released on inspection.")),
				"annex.pdf", annex);

		try (Browser browser = Browser.recordingNetwork(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			java.util.concurrent.atomic.AtomicLong ahead = new java.util.concurrent.atomic.AtomicLong();
			browser.waitFor(d -> ahead.addAndGet(browser.bytesReceived("/layout.pdf")) > 0);

			browser.press("j");
			waitForPage(browser, 180);
			assertThat(browser.find("#viewer-page").getText()).isEqualTo("Page 180 of 200");
			browser.waitFor(d -> browser.find("#viewer-text").getText().contains("Record 180"));
			long fetched = browser.bytesReceived("/v1/documents/");
			assertThat(fetched).as("page 180's part, the document having been opened as the page loaded").isPositive();
			assertThat(ahead.get() + fetched).as("fetched %d + %d of %d bytes", ahead.get(), fetched, annex.length)
				.isLessThan(annex.length / 10);
			browser.screenshot("viewer-beside-results", 1440, 900);

			// Find asks which pages hold the words (not the whole text) and goes there.
			browser.type("#viewer-find-text", "RECORD 17:");
			browser.find("#viewer-find-text").sendKeys(org.openqa.selenium.Keys.ENTER);
			waitForPage(browser, 17);
			assertThat(browser.find("#viewer-find-state").getText())
				.isEqualTo("Page 17: 1 of 1 pages with \u201cRECORD 17:\u201d");
			browser.type("#viewer-find-text", "released on inspection");
			browser.find("#viewer-find-text").sendKeys(org.openqa.selenium.Keys.ENTER);
			waitForPage(browser, 1);
			assertThat(browser.find("#viewer-find-state").getText()).startsWith("Page 1: 1 of 200 pages");
			browser.find("#viewer-find-text").sendKeys(org.openqa.selenium.Keys.ENTER);
			waitForPage(browser, 2);
			assertThat(browser.bytesReceived("/pages?containing=")).as("the pages holding the words were asked for")
				.isPositive();
		}
	}

	/**
	 * A document whose stored bytes cannot be read past its beginning and its end
	 * (altered in the store): the viewer says that part of it could not be read, rather
	 * than waiting for bytes that never come.
	 */
	@Test
	void evidenceInADocumentThatCannotBeReadSaysSo() throws IOException {
		CLAUDE.answerWith(body -> cite(body, 180, "Record 180: the batch was released on inspection."));
		SignedUp admin = this.api.signUp("Altered documents body");
		SignedUp handler = this.api.member(admin, "project_handler");
		String assessment = start(admin, handler,
				List.of(Map.of("name", "Batch released", "description", "Each batch is released on inspection.")),
				"annex.pdf", SampleFiles.heavyPages(200));
		this.api.awaitCompleted(assessment, handler.token());
		Path stored;
		try (var files = Files.list(DATA.resolve("documents").resolve(admin.organizationId().toString()))) {
			stored = files.filter(Files::isRegularFile).findFirst().orElseThrow();
		}
		byte[] bytes = Files.readAllBytes(stored);
		// Its end (the cross-reference table) still reads; its pages do not.
		for (int at = bytes.length / 10; at < bytes.length * 9 / 10; at += 16 * 1024) {
			bytes[at] ^= 1;
		}
		Files.write(stored, bytes);

		try (Browser browser = Browser.open(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			browser.press("j");
			browser.waitFor(d -> browser.find("#viewer-error").isDisplayed());
			assertThat(browser.find("#viewer-error").getText())
				.isEqualTo("The document could not be shown: Part of the document could not be read (500).");
		}
	}

	/**
	 * The documents of the evidence on the page open while the reviewer reads: evidence
	 * in any of them, even clicked without pointing at it first, and j into the other
	 * document, only draw the page, without waiting for a document's header,
	 * cross-reference table and page tree.
	 */
	@Test
	void theDocumentsOfTheEvidenceOpenAheadOfTheReviewer() throws IOException {
		CLAUDE.answerWith(ReviewerScreenBrowserTest::requirementOnItsPage);
		SignedUp admin = this.api.signUp("Two documents body");
		SignedUp handler = this.api.member(admin, "project_handler");
		JsonNode workflow = twoBuckets(admin, "Reports", 1, 2);
		byte[] bothRequirements = SampleFiles.pdf(List.of(new SampleFiles.PageText("1 Verification", List.of(line(1))),
				new SampleFiles.PageText("2 Verification", List.of(line(2)))));
		List<String> ids = List.of(upload(handler, workflow, 0, "part-0.pdf", bothRequirements),
				upload(handler, workflow, 1, "part-1.pdf", bothRequirements));
		String assessment = start(handler, workflow, ids);
		this.api.awaitCompleted(assessment, handler.token());

		try (Browser browser = Browser.recordingNetwork(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			// Failed first: requirement 2, cited in the annex; then requirement 1, in the
			// report.
			assertThat(titles(browser)).containsExactly("Requirement 2", "Requirement 1");
			browser.waitFor(d -> "2".equals(browser.find("#viewer").getAttribute("data-opened-ahead")));
			for (String id : ids) {
				assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
						"return performance.getEntriesByType('resource').some(e => e.name.includes(arguments[0]))",
						"/v1/documents/" + id + "/layout.pdf"))
					.as("document %s opened ahead", id)
					.isEqualTo(true);
			}
			browser.bytesReceived("/layout.pdf");

			// A click without pointing first (no pointer events): a script, a screen
			// reader.
			((org.openqa.selenium.JavascriptExecutor) browser.driver())
				.executeScript("document.querySelectorAll('#results a.evidence-link')[1].click()");
			waitForPage(browser, 1);
			assertThat(browser.find("#viewer-title").getText()).isEqualTo("part-0.pdf");
			browser.press("k");
			waitForPage(browser, 2);
			assertThat(browser.find("#viewer-title").getText()).isEqualTo("part-1.pdf");
			assertThat(browser.bytesReceived("/layout.pdf")).as("bytes of the documents fetched after the page loaded")
				.isZero();
		}
	}

	/**
	 * What the AI read: the pages per criterion, linked into the viewer; a document no
	 * criterion read from is flagged; a page without text is said to be one.
	 */
	@Test
	void whatTheAiReadIsShownAndADocumentNothingReadFromIsFlagged() throws IOException {
		CLAUDE.answerWith(ReviewerScreenBrowserTest::requirementOnItsPage);
		SignedUp admin = this.api.signUp("What was read body");
		SignedUp handler = this.api.member(admin, "project_handler");
		JsonNode workflow = twoBuckets(admin, "Technical file", 1);
		String verification = upload(handler, workflow, 0, "verification.pdf",
				SampleFiles.pdf(List.of(new SampleFiles.PageText("1 Verification", List.of(line(1))),
						new SampleFiles.PageText("", List.of()))));
		String annex = upload(handler, workflow, 1, "annex.pdf", SampleFiles.testReport());
		String assessment = start(handler, workflow, List.of(verification, annex));

		try (Browser browser = Browser.open(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			assertThat(browser.find("#unread-documents").getText()).contains("annex.pdf")
				.doesNotContain("verification.pdf");
			assertThat(browser.find("#documents").getAttribute("textContent")).contains("No text on page 2");
			WebElement read = browser.find("li.result .what-was-read a.read-link");
			assertThat(read.getText()).startsWith("verification.pdf 1");
			read.click();
			waitForPage(browser, 1);
			assertThat(browser.find("#viewer-title").getText()).isEqualTo("verification.pdf");
			assertThat(browser.driver().findElements(By.cssSelector("#viewer-marks mark"))).isEmpty();
		}
	}

	/**
	 * A Word document's evidence: shown as the PDF LibreOffice laid it out as, the quote
	 * marked on the page; where LibreOffice is not installed, as the text Assay read.
	 */
	@Test
	void wordEvidenceOpensInTheViewer() throws IOException {
		CLAUDE.answerWith(body -> cite(body, 1, "The XY-200 is an infusion pump for hospital use."));
		SignedUp admin = this.api.signUp("Word documents body");
		SignedUp handler = this.api.member(admin, "project_handler");
		String assessment = start(admin, handler,
				List.of(Map.of("name", "Device described", "description", "The device is described.")),
				"description.docx", SampleFiles.docx());
		boolean laidOut = new io.assay.document.parsing.WordLayout("soffice", java.time.Duration.ofSeconds(5))
			.available();

		try (Browser browser = Browser.open(this.api.base())) {
			signInWithKeys(browser, handler);
			browser.go("/assessments/" + assessment);
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			browser.press("j");
			if (laidOut) {
				browser.waitFor(d -> "1".equals(browser.find("#viewer").getAttribute("data-rendered-page")));
				assertThat(browser.find("#viewer-page").getText()).isEqualTo("Page 1 of 1");
				assertThat(browser.driver().findElements(By.cssSelector("#viewer-marks mark")))
					.extracting(mark -> mark.getAttribute("textContent"))
					.containsExactly("The XY-200 is an infusion pump for hospital use.");
				browser.waitFor(d -> browser.find("#viewer-text").getText().contains("Device description"));
			}
			else {
				browser.waitFor(d -> browser.find("#viewer-section").isDisplayed());
				assertThat(browser.find("#viewer-section mark").getText())
					.isEqualTo("The XY-200 is an infusion pump for hospital use.");
			}
			assertThat(browser.find("#viewer-title").getText()).isEqualTo("description.docx");

			// Find goes to the page; a document read without pages says it has none to go
			// to.
			browser.type("#viewer-find-text", "infusion pump");
			browser.find("#viewer-find-text").sendKeys(org.openqa.selenium.Keys.ENTER);
			String said = laidOut ? "Page 1: 1 of 1 pages with \u201cinfusion pump\u201d"
					: "This document was read without pages, so it cannot be searched by page;"
							+ " its text is shown as read.";
			browser.waitFor(d -> browser.find("#viewer-find-state").getText().equals(said));
		}
	}

	private String start(SignedUp admin, SignedUp handler, List<Map<String, Object>> criteria, String fileName,
			byte[] content) {
		return this.api.startOnOneDocument(admin, handler, criteria, fileName, content).assessmentId();
	}

	/**
	 * A workflow of two buckets, the first named {@code first}, the second "Annexes",
	 * with "Requirement N" for each N given, on the bucket of its own order (the first on
	 * the first bucket, the second on the second).
	 */
	private JsonNode twoBuckets(SignedUp admin, String first, int... requirements) {
		List<Map<String, Object>> criteria = new ArrayList<>();
		for (int i = 0; i < requirements.length; i++) {
			criteria.add(Map.of("name", "Requirement " + requirements[i], "description",
					"Requirement " + requirements[i] + " is verified.", "applies_to_bucket_indexes", List.of(i)));
		}
		return this.api
			.post("/v1/workflows", admin.token(),
					Map.of("name", "Two buckets " + first, "buckets",
							List.of(Map.of("name", first), Map.of("name", "Annexes")), "criteria", criteria))
			.expect(201)
			.json();
	}

	/** Uploads a PDF into the workflow's bucket of that index; answers its id. */
	private String upload(SignedUp handler, JsonNode workflow, int bucket, String fileName, byte[] pdf) {
		return this.api
			.upload(handler.token(), workflow.at("/buckets/" + bucket + "/id").asString(), fileName, "application/pdf",
					pdf)
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	/** Starts an assessment on one document in each bucket, in the buckets' order. */
	private String start(SignedUp handler, JsonNode workflow, List<String> documentIds) {
		List<Map<String, String>> documents = new ArrayList<>();
		for (int bucket = 0; bucket < documentIds.size(); bucket++) {
			documents.add(Map.of("bucket_id", workflow.at("/buckets/" + bucket + "/id").asString(), "document_id",
					documentIds.get(bucket)));
		}
		return this.api
			.post("/v1/assessments", handler.token(),
					Map.of("workflow_id", workflow.at("/id").asString(), "documents", documents))
			.expect(202)
			.json()
			.at("/id")
			.asString();
	}

	private static void signInWithKeys(Browser browser, SignedUp user) {
		browser.driver().manage().deleteAllCookies();
		browser.go("/login");
		browser.find("#email").sendKeys(user.email());
		browser.find("#password").sendKeys(user.password(), Keys.ENTER);
		browser.waitFor(d -> browser.path().equals("/app"));
	}

	private static String line(int number) {
		return "Requirement " + number + ": the verification of requirement " + number + " is recorded in full.";
	}

	/** Cites page N for "Requirement N", passing the odd ones. */
	private static Reply requirementOnItsPage(String body) {
		Matcher requirement = REQUIREMENT.matcher(body);
		if (!requirement.find()) {
			return new Reply(400, "{}", null, 0);
		}
		int number = Integer.parseInt(requirement.group(1));
		return Reply.ok(StandInMessagesApi.verdict(number % 2 == 1 ? "pass" : "fail", "high", documentId(body), number,
				line(number)));
	}

	private static Reply cite(String body, int page, String quote) {
		return Reply.ok(StandInMessagesApi.verdict("pass", "high", documentId(body), page, quote));
	}

	private static String documentId(String body) {
		Matcher document = DOCUMENT.matcher(body);
		return document.find() ? document.group(1) : "";
	}

	private static void waitForPage(Browser browser, int page) {
		browser.waitFor(d -> String.valueOf(page).equals(browser.find("#viewer").getAttribute("data-rendered-page")));
	}

	private static void waitForReview(Browser browser, int index, String decision) {
		browser.waitFor(d -> card(browser, index).findElements(By.cssSelector(".review-note"))
			.stream()
			.anyMatch(note -> note.getText().startsWith(decision)));
	}

	private static WebElement card(Browser browser, int index) {
		return browser.driver().findElements(By.cssSelector("li.result")).get(index);
	}

	private static String cardId(Browser browser, int index) {
		return card(browser, index).getAttribute("data-result-id");
	}

	private static int number(String title) {
		return Integer.parseInt(title.substring("Requirement ".length()));
	}

	private static List<String> titles(Browser browser) {
		return browser.driver().findElements(By.cssSelector("li.result h3")).stream().map(WebElement::getText).toList();
	}

}
