package io.assay.assessment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.IntegrationTestBase;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import io.assay.evaluation.retrieval.SentenceEncoder;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document longer than the passage budget: the page that says what the criterion asks,
 * in words the criterion does not use, is among the pages the judge reads, and the page
 * vectors the run made are kept with the document's pages.
 */
class RankingByMeaningIntegrationTest extends IntegrationTestBase {

	private static final Path DATA = temporaryDirectory();

	/** About two of the contract's pages. */
	private static final int BUDGET = 5_000;

	private static final int CLAUSE_PAGE = 17;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
		registry.add("assay.evaluation.passage-budget-chars", () -> String.valueOf(BUDGET));
	}

	@Test
	void thePageThatSaysItInOtherWordsIsReadAndTheVectorsAreKept() throws IOException {
		SignedUp admin = this.api.signUp("Meaning body");
		SignedUp handler = this.api.member(admin, "project_handler");
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= 24; page++) {
			List<String> lines = new ArrayList<>();
			if (page == CLAUSE_PAGE) {
				lines.add("Either party may end this agreement at any time and without giving reasons,");
				lines.add("on thirty days' written notice to the other.");
			}
			for (int line = 1; line <= 26; line++) {
				lines.add("Schedule " + page + "." + line + ": the Supplier delivers the goods of order "
						+ (page * 100 + line) + " to the Buyer's warehouse.");
			}
			pages.add(new PageText(page + " Schedule " + page, lines));
		}

		StartedOnSample started = this.api.startOnOneDocument(admin, handler,
				List.of(Map.of("name", "Termination for convenience", "description",
						"Can the contract be terminated absent a breach?")),
				"supply-contract.pdf", SampleFiles.pdf(pages));
		this.api.awaitCompleted(started.assessmentId(), handler.token());

		List<Integer> sent = this.database.asOwner().sql("""
				select (p ->> 'page')::integer from assessment_results r, jsonb_array_elements(r.passages_sent) p
				 where r.assessment_id = ?::uuid order by 1
				""").param(started.assessmentId()).query(Integer.class).list();
		assertThat(sent).as("about the budget's worth of pages, the clause's among them")
			.contains(CLAUSE_PAGE)
			.hasSizeLessThanOrEqualTo(3);
		List<Map<String, Object>> stored = this.database.asOwner()
			.sql("select vectors_model, length(vectors) as bytes from parsed_pages where organization_id = ?"
					+ " order by number")
			.param(admin.organizationId())
			.query()
			.listOfRows();
		assertThat(stored).hasSize(24)
			.allSatisfy(page -> assertThat(page.get("vectors_model")).isEqualTo(SentenceEncoder.MODEL))
			.allSatisfy(page -> assertThat(((Integer) page.get("bytes") - 4) % 768)
				.as("windows of 384 half floats after the dimensions")
				.isZero())
			.allSatisfy(page -> assertThat((Integer) page.get("bytes")).isGreaterThan(4));
	}

}
