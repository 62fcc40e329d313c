package io.assay.assessment;

import java.util.Map;
import java.util.UUID;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's results are kept as last read, by the version of its results the database
 * holds: whatever changes them, wherever it is done, is shown on the next read, and
 * results only a transaction that was rolled back saw are never shown.
 */
class KeptResultsIntegrationTest extends IntegrationTest {

	@Autowired
	private Results results;

	@Autowired
	private TenantContext tenants;

	@Autowired
	private JdbcClient db;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void resultsChangedOutsideThisCopyAreShownOnTheNextRead() throws Exception {
		Completed completed = completedRun("Kept results body");
		SignedUp handler = completed.handler();
		String run = completed.run();
		JsonNode first = firstResult(run, handler);
		Api page = this.api.browserSession().signInWithForm(handler);
		assertThat(page.get("/assessments/" + run, null).expect(200).body()).doesNotContain("Rewritten elsewhere");

		// As another copy, or an operator's statement, would: not through this copy.
		this.database.asOwner()
			.sql("update assessment_results set reasoning = 'Rewritten elsewhere.' where id = ?")
			.param(UUID.fromString(first.at("/id").asString()))
			.update();

		assertThat(firstResult(run, handler).at("/reasoning").asString()).startsWith("Rewritten elsewhere.");
		assertThat(page.get("/assessments/" + run, null).expect(200).body()).contains("Rewritten elsewhere.");
	}

	@Test
	void aReviewerRenamedIsShownByTheNewName() throws Exception {
		Completed completed = completedRun("Renamed reviewer body");
		SignedUp admin = completed.admin();
		SignedUp handler = completed.handler();
		String run = completed.run();
		String result = firstResult(run, handler).at("/id").asString();
		this.api
			.post("/v1/assessments/" + run + "/results/" + result + "/review", handler.token(),
					Map.of("decision", "overrule", "comment", "Table 5 is unsigned."))
			.expect(200);
		assertThat(firstResult(run, handler).at("/review/reviewed_by/name").asString()).isNotEqualTo("Hana Renamed");

		this.api.patch("/v1/users/" + handler.userId(), admin.token(), Map.of("name", "Hana Renamed")).expect(200);

		assertThat(firstResult(run, handler).at("/review/reviewed_by/name").asString()).isEqualTo("Hana Renamed");
		assertThat(this.api.browserSession().signInWithForm(handler).get("/assessments/" + run, null).body())
			.contains("Hana Renamed");
	}

	@Test
	void resultsSeenOnlyByATransactionRolledBackAreNeverShown() throws Exception {
		Completed completed = completedRun("Rolled back body");
		SignedUp admin = completed.admin();
		SignedUp handler = completed.handler();
		String run = completed.run();
		JsonNode first = firstResult(run, handler);
		UUID result = UUID.fromString(first.at("/id").asString());

		String seenInside = this.tenants.callAs(admin.organizationId(), handler.userId(),
				() -> this.transactions.execute(tx -> {
					this.db.sql("update assessment_results set reasoning = 'Never committed.' where id = ?")
						.param(result)
						.update();
					String seen = reasoningOf(this.results.list(UUID.fromString(run)), result);
					tx.setRollbackOnly();
					return seen;
				}));
		assertThat(seenInside).isEqualTo("Never committed.");

		// The next change takes the run's results to a new version, never to the one the
		// rolled-back transaction saw (and kept what it saw by).
		this.api
			.post("/v1/assessments/" + run + "/results/" + result + "/review", handler.token(),
					Map.of("decision", "overrule", "comment", "Table 5 is unsigned."))
			.expect(200);
		JsonNode reviewed = firstResult(run, handler);
		assertThat(reviewed.at("/reasoning").asString()).isEqualTo(first.at("/reasoning").asString());
		assertThat(reviewed.at("/review/comment").asString()).isEqualTo("Table 5 is unsigned.");
	}

	private record Completed(SignedUp admin, SignedUp handler, String run) {
	}

	/** A new organisation's run on the sample report, completed. */
	private Completed completedRun(String organization) throws Exception {
		SignedUp admin = this.api.signUp(organization + " " + UUID.randomUUID());
		SignedUp handler = this.api.member(admin, "project_handler");
		String run = this.api.startOnSampleReport(admin, handler).assessmentId();
		this.api.awaitCompleted(run, handler.token());
		return new Completed(admin, handler, run);
	}

	/** The result of the criterion first by name, whatever order the results are in. */
	private JsonNode firstResult(String run, SignedUp reader) throws Exception {
		java.util.List<JsonNode> all = new java.util.ArrayList<>();
		this.api.get("/v1/assessments/" + run + "/results", reader.token()).expect(200).json().forEach(all::add);
		return all.stream()
			.min(java.util.Comparator.comparing(result -> result.at("/criteria_name").asString()))
			.orElseThrow();
	}

	private static String reasoningOf(java.util.List<Results.Result> results, UUID id) {
		return results.stream()
			.filter(result -> result.id().equals(id))
			.findFirst()
			.map(result -> java.util.Objects.requireNonNull(result.reasoning()).said())
			.orElseThrow();
	}

}
