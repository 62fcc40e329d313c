package io.assay.billing;

import java.io.IOException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/billing/usage?month=YYYY-MM}: a month's assessments and AI cost, in all
 * and by workflow, for administrators only and for their own organisation only.
 */
class BillingUsageIntegrationTest extends IntegrationTest {

	@Test
	void aMonthsUsageIsCountedByWorkflow() throws IOException {
		SignedUp admin = this.api.signUp("Billed body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample first = this.api.startOnSampleReport(admin, handler);
		StartedOnSample second = this.api.startOnSampleReport(admin, handler);
		// A second run on the first workflow, as a submission of its own.
		this.api.start(handler, first.workflowId(), first.bucketId(), first.documentId());

		JsonNode usage = this.api.get("/v1/billing/usage", admin.token()).expect(200).json();

		assertThat(usage.at("/month").asString()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
		assertThat(usage.at("/assessments").asLong()).isEqualTo(3);
		JsonNode workflows = usage.at("/workflows");
		assertThat(workflows.size()).isEqualTo(2);
		assertThat(workflows.get(0).at("/workflow_id").asString()).as("the most used first")
			.isEqualTo(first.workflowId());
		assertThat(workflows.get(0).at("/assessments").asLong()).isEqualTo(2);
		assertThat(workflows.get(0).at("/name").asString()).startsWith("Workflow ");
		assertThat(workflows.get(1).at("/workflow_id").asString()).isEqualTo(second.workflowId());
		assertThat(workflows.get(1).at("/assessments").asLong()).isEqualTo(1);
		long costs = 0;
		for (JsonNode workflow : workflows) {
			costs += workflow.at("/ai_cost_cents").asLong();
		}
		assertThat(costs).as("the workflows' costs add up to the month's")
			.isEqualTo(usage.at("/ai_cost_cents").asLong());

		JsonNode past = this.api.get("/v1/billing/usage?month=2020-01", admin.token()).expect(200).json();
		assertThat(past.at("/month").asString()).isEqualTo("2020-01");
		assertThat(past.at("/assessments").asLong()).isZero();
		assertThat(past.at("/workflows").size()).isZero();
	}

	@Test
	void aMonthThatIsNotOneIsRefusedNamingTheForm() {
		SignedUp admin = this.api.signUp("Careless billed body");
		for (String month : List.of("2026-13", "december", "2026-1", "%2B999999-01", "1999-12")) {
			JsonNode problem = this.api.get("/v1/billing/usage?month=" + month, admin.token()).expect(422).json();
			assertThat(problem.at("/errors/0/field").asString()).as(month).isEqualTo("month");
			assertThat(problem.at("/errors/0/message").asString()).contains("YYYY-MM");
		}
		assertThat(this.api.get("/v1/billing/usage?month=2026-12%00", admin.token())
			.expect(400)
			.json()
			.at("/detail")
			.asString()).contains("month").contains("U+0000");
	}

	@Test
	void onlyAdministratorsSeeUsageAndOnlyTheirOwn() throws IOException {
		SignedUp admin = this.api.signUp("Private billed body");
		SignedUp handler = this.api.member(admin, "project_handler");
		this.api.startOnSampleReport(admin, handler);
		for (String role : List.of("project_handler", "process_manager")) {
			this.api.get("/v1/billing/usage", this.api.member(admin, role).token()).expect(403);
		}
		this.api.get("/v1/billing/usage", null).expect(401);

		SignedUp stranger = this.api.signUp("Other billed body");
		JsonNode theirs = this.api.get("/v1/billing/usage", stranger.token()).expect(200).json();
		assertThat(theirs.at("/assessments").asLong()).isZero();
		assertThat(theirs.at("/workflows").size()).isZero();
	}

}
