package io.assay.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTestBase;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.evaluation.SampleSetWriter;
import io.assay.evaluation.accuracy.LabelledCase;
import io.assay.evaluation.accuracy.LabelledSet;
import io.assay.evaluation.accuracy.SampleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps 2 to 5 in Chromium, on the sample set, with a stand-in for Claude that answers as
 * the labels say: start, see the results, open evidence in the viewer, overrule a
 * verdict, replace a document and run again, see what changed, fetch the PDF report,
 * share it with someone without an account, revoke the link.
 */
class ResultsJourneyBrowserTest extends IntegrationTestBase {

	private static final StandInMessagesApi CLAUDE = StandInMessagesApi.started();

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36}) \\| file: ([^ |]+)");

	private static final Pattern CRITERION = Pattern.compile("Criterion: ([^\\\\\\n]+)");

	private static final List<String> CRITERIA = List.of("Intended purpose stated", "Consistent use environment",
			"Risk management to ISO 14971", "Test equipment calibrated");

	private static final String TEST_REPORT = "cs300-electrical-safety-test-report.pdf";

	@TempDir
	Path files;

	@DynamicPropertySource
	static void claude(DynamicPropertyRegistry registry) {
		configure(registry, temporaryDirectory());
		CLAUDE.judgeWithClaude(registry);
	}

	@AfterAll
	static void stop() {
		CLAUDE.close();
	}

	@Test
	void aHandlerFollowsAnAssessmentFromStartToASharedReport() throws Exception {
		LabelledSet samples = SampleSet.read();
		CLAUDE.answerWith(body -> answer(samples, body));
		SignedUp admin = this.api.signUp("CS-300 notified body");
		SignedUp handler = this.api.member(admin, "project_handler");
		JsonNode sampleSet = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(SampleSet.resource("sample-set.json"));
		List<Map<String, Object>> criteria = new java.util.ArrayList<>();
		List<String> buckets = new java.util.ArrayList<>();
		sampleSet.get("buckets").forEach(bucket -> buckets.add(bucket.asString()));
		for (JsonNode criterion : sampleSet.get("criteria")) {
			if (CRITERIA.contains(criterion.get("name").asString())) {
				List<Integer> applies = new java.util.ArrayList<>();
				criterion.get("buckets").forEach(bucket -> applies.add(buckets.indexOf(bucket.asString())));
				criteria.add(Map.of("name", criterion.get("name").asString(), "description",
						criterion.get("description").asString(), "applies_to_bucket_indexes", applies));
			}
		}
		JsonNode workflow = this.api
			.post("/v1/workflows", admin.token(),
					Map.of("name", "CS-300 pre-check", "buckets",
							buckets.stream().map(name -> Map.of("name", name)).toList(), "criteria", criteria))
			.expect(201)
			.json();
		for (JsonNode document : sampleSet.get("documents")) {
			copy(document.get("file").asString());
		}

		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(handler.email(), handler.password());
			browser.go("/assessments/new");
			browser.driver().findElement(By.partialLinkText("CS-300 pre-check")).click();
			browser.waitFor(d -> browser.path().equals("/assessments/new"));
			for (JsonNode document : sampleSet.get("documents")) {
				String bucket = workflow.at("/buckets/" + buckets.indexOf(document.get("bucket").asString()) + "/id")
					.asString();
				browser.find("[data-bucket-id='" + bucket + "'] input[type=file]")
					.sendKeys(this.files.resolve(document.get("file").asString()).toString());
			}
			browser.waitFor(d -> d.findElements(By.cssSelector(".file.ready")).size() == 3);
			browser.find("#start").click();
			browser.waitFor(d -> browser.path().matches("/assessments/[0-9a-f-]{36}"));
			String first = browser.path().substring("/assessments/".length());
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			assertThat(browser.find(".result-summary").getText()).startsWith("2 of 4 criteria passed");
			assertThat(titles(browser)).as("failed first")
				.startsWith("Consistent use environment", "Test equipment calibrated");

			// The evidence of the expired calibration, on page 2 of the test report.
			result(browser, "Test equipment calibrated").findElement(By.cssSelector("a.evidence-link")).click();
			browser.waitFor(d -> "2".equals(browser.find("#viewer").getAttribute("data-rendered-page")));
			assertThat(browser.find("#viewer-page").getText()).isEqualTo("Page 2 of 12");
			String quote = browser.find("#viewer-quote").getText();
			assertThat(browser.driver().findElements(By.cssSelector("#viewer-marks mark")))
				.extracting(mark -> mark.getAttribute("textContent"))
				.anySatisfy(text -> assertThat(quote).contains(text));
			browser.find("#viewer-close").click();

			WebElement purpose = result(browser, "Intended purpose stated");
			purpose.findElement(By.cssSelector(".open-overrule")).click();
			purpose.findElement(By.tagName("textarea"))
				.sendKeys("The patient population lacks an age limit for use at home.");
			purpose.findElement(By.cssSelector("button[data-decision='overrule']")).click();
			browser.waitFor(d -> !d.findElements(By.cssSelector(".review-note")).isEmpty());
			assertThat(browser.find(".result-summary").getText()).startsWith("1 of 4 criteria passed");

			// The manufacturer sends a test report with a calibrated tester; run again.
			Path corrected = this.files.resolve("cs300-test-report-rev-b.pdf");
			Files.write(corrected, correctedTestReport());
			browser.find("#rerun summary").click();
			int asked = CLAUDE.received().size();
			String reports = workflow.at("/buckets/2/id").asString();
			browser.find(".rerun-bucket[data-bucket-id='" + reports + "'] input[type=file]")
				.sendKeys(corrected.toString());
			browser.waitFor(d -> browser.find(".rerun-bucket[data-bucket-id='" + reports + "'] .rerun-state")
				.getText()
				.startsWith("Ready"));
			browser.find("#rerun-start").click();
			browser
				.waitFor(d -> browser.path().matches("/assessments/[0-9a-f-]{36}") && !browser.path().endsWith(first));
			browser.waitFor(d -> browser.find("#status").getText().contains("Completed"));
			assertThat(browser.find("#diff").getText()).contains("Test equipment calibrated: failed → passed")
				.contains("1 verdict changed, 3 unchanged");
			assertThat(CLAUDE.received().subList(asked, CLAUDE.received().size()))
				.as("only the criterion of the replaced report is asked again")
				.extracting(received -> criterion(received.body()))
				.containsExactly("Test equipment calibrated");
			assertThat(browser.find("#runs").getAttribute("textContent")).contains("(this run)");
			assertThat(browser.find(".result-summary").getText()).startsWith("2 of 4 criteria passed");
			browser.screenshot("assessment-rerun", 1000);

			Object pdf = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch(document.getElementById('report-pdf').href, { credentials: 'same-origin' })
					  .then(r => r.arrayBuffer())
					  .then(b => done(String.fromCharCode(...new Uint8Array(b.slice(0, 5))) + ' ' + b.byteLength));
					""");
			assertThat(pdf.toString()).startsWith("%PDF-");

			// The same page for a reviewer who reads Assay in German.
			this.api.put("/v1/me/language", handler.token(), Map.of("language", "de")).expect(204);
			browser.driver().navigate().refresh();
			browser.waitFor(d -> browser.find("html").getAttribute("lang").equals("de"));
			assertThat(browser.find(".result-summary").getText()).startsWith("2 von 4 Kriterien bestanden");
			assertThat(browser.find(".filters").getText()).contains("Nicht bestanden (2)", "Zu prüfen");
			assertThat(browser.find("#diff").getText()).contains("Änderungen seit dem vorigen Lauf")
				.contains("1 Urteil geändert, 3 unverändert")
				.contains("nicht bestanden → bestanden");
			assertThat(browser.find("#status").getText()).contains("Abgeschlossen");
			browser.screenshot("results-german", 1000);
			// The viewer's words come from the scripts' German messages.
			result(browser, "Test equipment calibrated").findElement(By.cssSelector("a.evidence-link")).click();
			browser.waitFor(d -> browser.find("#viewer-page").getText().matches("Seite \\d+ von \\d+"));
			browser.find("#viewer-close").click();
			this.api.put("/v1/me/language", handler.token(), Map.of("language", "en")).expect(204);
			browser.driver().navigate().refresh();
			browser.waitFor(d -> browser.find("html").getAttribute("lang").equals("en"));

			browser.find("#share").click();
			new org.openqa.selenium.support.ui.Select(browser.find("#share-days")).selectByValue("14");
			browser.find("#share-create").click();
			browser.waitFor(d -> !browser.find("#share-url").getAttribute("value").isEmpty());
			browser.waitFor(d -> d.findElements(By.cssSelector("#share-list button.share-revoke")).size() == 1);
			assertThat(browser.find("#share-list").getText()).contains("works until");
			String link = browser.find("#share-url").getAttribute("value");
			try (Browser visitor = Browser.open(this.api.base())) {
				visitor.driver().get(link);
				visitor.waitFor(d -> visitor.find("h1").getText().equals("Assessment report"));
				assertThat(visitor.find(".result-summary").getText()).startsWith("2 of 4 criteria passed");
				browser.find("#share-list button.share-revoke").click();
				browser.waitFor(d -> browser.find("#share-state").getText().startsWith("Revoked"));
				visitor.driver().navigate().refresh();
				visitor.waitFor(d -> !visitor.find("h1").getText().equals("Assessment report"));
				assertThat(visitor.driver().getPageSource()).doesNotContain("criteria passed");
				assertThat(visitor.find("main").getText()).contains("was revoked on");
			}
		}
	}

	private void copy(String file) throws IOException {
		try (InputStream in = SampleSet.resource(file)) {
			Files.copy(in, this.files.resolve(file));
		}
	}

	/**
	 * The test report of the sample set, with the dielectric strength tester in
	 * calibration.
	 */
	private static byte[] correctedTestReport() throws IOException {
		List<String> source = Files
			.readAllLines(Path.of("src/test/resources/sample-set-sources/cs300-electrical-safety-test-report.txt"));
		return SampleSetWriter.pdf(source.stream()
			.map(line -> line.replace("inventory AT-0388, calibrated until 2026-01-31",
					"inventory AT-0388, calibrated until 2026-12-31"))
			.toList());
	}

	private static List<String> titles(Browser browser) {
		return browser.driver().findElements(By.cssSelector(".result h3")).stream().map(WebElement::getText).toList();
	}

	private static WebElement result(Browser browser, String criterion) {
		return browser.driver()
			.findElements(By.cssSelector(".result"))
			.stream()
			.filter(result -> result.findElement(By.tagName("h3")).getText().equals(criterion))
			.findFirst()
			.orElseThrow();
	}

	private static String criterion(String body) {
		Matcher matcher = CRITERION.matcher(body);
		return matcher.find() ? matcher.group(1) : "";
	}

	/**
	 * As the labels say, quoting the third line of the first labelled page; the test
	 * report's calibration passes once the corrected report is sent.
	 */
	private static Reply answer(LabelledSet samples, String body) {
		String name = criterion(body);
		LabelledCase labelled = samples.cases()
			.stream()
			.filter(candidate -> candidate.criterion().equals(name))
			.findFirst()
			.orElse(null);
		if (labelled == null) {
			return new Reply(400, "{}", null, 0);
		}
		Map<String, String> ids = new HashMap<>();
		Matcher documents = DOCUMENT.matcher(body);
		while (documents.find()) {
			ids.put(documents.group(2), documents.group(1));
		}
		String file = "";
		int page = 1;
		String quote = "";
		for (var document : labelled.documents()) {
			var pages = labelled.evidencePages().get(document.documentId());
			if (pages != null && !pages.isEmpty()) {
				file = document.fileName();
				page = pages.iterator().next();
				quote = document.parsed().pages().get(page - 1).lines().get(2).text();
				break;
			}
		}
		boolean pass = labelled.expectedPass()
				|| (name.equals("Test equipment calibrated") && body.contains("calibrated until 2026-12-31"));
		String documentId = ids.getOrDefault(file, ids.getOrDefault("cs300-test-report-rev-b.pdf", ""));
		if (name.equals("Test equipment calibrated") && pass) {
			quote = "Dielectric strength tester HT-2, inventory AT-0388, calibrated until 2026-12-31.";
		}
		return Reply.ok(StandInMessagesApi.verdict(pass ? "pass" : "fail", "high", documentId, page,
				quote.replace("\"", "\\\"")));
	}

}
