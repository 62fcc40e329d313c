package io.assay.assessment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results page keeps each card it rendered, by everything the card shows: a review, a
 * comment, another reader's role or language gives a new card, never a kept one.
 */
class ResultCardsIntegrationTest extends IntegrationTest {

	@Test
	void aPageOfManyCardsShowsEachResultOnceAndTheSameWhenShownAgain() throws Exception {
		SignedUp admin = this.api.signUp("Many cards body");
		SignedUp handler = this.api.member(admin, "project_handler");
		List<Map<String, String>> criteria = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			criteria.add(Map.of("name", "Card check %02d".formatted(i), "description",
					"Check %02d of the report's table %d.".formatted(i, i)));
		}
		String run = this.api
			.startOnOneDocument(admin, handler, criteria, "report.pdf", io.assay.document.SampleFiles.testReport())
			.assessmentId();
		this.api.awaitCompleted(run, handler.token());
		List<String> order = new ArrayList<>();
		this.api.get("/v1/assessments/" + run + "/results", handler.token())
			.expect(200)
			.json()
			.forEach(result -> order.add(result.at("/criteria_name").asString()));
		Api page = this.api.browserSession().signInWithForm(handler);

		String first = page.get("/assessments/" + run, null).expect(200).body();

		List<String> cards = cardNames(first);
		assertThat(cards).as("every result's card once").containsExactlyInAnyOrderElementsOf(order);
		assertThat(cardNames(page.get("/assessments/" + run, null).expect(200).body()))
			.as("the second view joins the kept cards in the same order")
			.isEqualTo(cards);
	}

	private static final java.util.regex.Pattern CARD_NAME = java.util.regex.Pattern.compile("Card check \\d\\d");

	/** The criterion each card names, in the page's order; a card names only its own. */
	private static List<String> cardNames(String page) {
		List<String> names = new ArrayList<>();
		String[] cards = page.split("class=\"criterion result");
		for (int i = 1; i < cards.length; i++) {
			List<String> named = CARD_NAME.matcher(cards[i]).results().map(match -> match.group()).distinct().toList();
			assertThat(named).as("card " + i).hasSize(1);
			names.add(named.getFirst());
		}
		return names;
	}

	@Test
	void aKeptCardIsNeverOutOfDate() throws Exception {
		SignedUp admin = this.api.signUp("Kept cards body");
		SignedUp handler = this.api.member(admin, "project_handler");
		SignedUp manager = this.api.member(admin, "process_manager");
		String run = this.api.startOnSampleReport(admin, handler).assessmentId();
		this.api.awaitCompleted(run, handler.token());
		String result = this.api.get("/v1/assessments/" + run + "/results", handler.token())
			.expect(200)
			.json()
			.get(0)
			.at("/id")
			.asString();
		Api handlerPage = this.api.browserSession().signInWithForm(handler);
		String before = handlerPage.get("/assessments/" + run, null).expect(200).body();
		assertThat(before).contains("Comments (0)", "data-decision=\"confirm\"").doesNotContain("Reviewer: ");
		assertThat(handlerPage.get("/assessments/" + run, null).expect(200).body()).contains("Comments (0)");

		this.api
			.post("/v1/assessments/" + run + "/results/" + result + "/review", handler.token(),
					Map.of("decision", "overrule", "comment", "Table 5 is unsigned."))
			.expect(200);
		this.api
			.post("/v1/assessments/" + run + "/results/" + result + "/comments", handler.token(),
					Map.of("body", "Asked the manufacturer."))
			.expect(201);

		String after = handlerPage.get("/assessments/" + run, null).expect(200).body();
		assertThat(after).contains("Reviewer: ", "Overruled", "Table 5 is unsigned.", "Comments (1)",
				"Asked the manufacturer.");
		// A process manager does not run assessments: no review buttons on their cards.
		String managers = this.api.browserSession().signInWithForm(manager).get("/assessments/" + run, null).body();
		assertThat(managers).contains("Overruled", "Asked the manufacturer.")
			.doesNotContain("data-decision=\"overrule\"");
		assertThat(handlerPage.get("/assessments/" + run, null).body()).contains("data-decision=\"overrule\"");
		// In German, the German card.
		String german = this.api.acceptingLanguage("de")
			.browserSession()
			.signInWithForm(handler)
			.get("/assessments/" + run, null)
			.body();
		assertThat(german).contains("Kommentare (1)").doesNotContain("Comments (1)");
	}

}
