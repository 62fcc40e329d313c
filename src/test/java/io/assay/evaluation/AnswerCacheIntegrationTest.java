package io.assay.evaluation;

import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.evaluation.judges.AnthropicJudge;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An identical question is answered from the cache, without paying for a second call. */
class AnswerCacheIntegrationTest extends IntegrationTest {

	private static final UUID REPORT = UUID.randomUUID();

	private final List<DocumentText> documents = List.of(EvidenceCheckTest.document(REPORT, "report.pdf",
			"1 Scope\nThis report describes the XY-200 pump.", "3.2 Test results\nTable 5: summary of results"));

	@Test
	void anIdenticalQuestionCostsOneCallPerOrganization() throws Exception {
		SignedUp first = this.api.signUp("Caching body");
		SignedUp second = this.api.signUp("Other caching body");
		TenantContext tenants = this.context.getBean(TenantContext.class);
		try (StandInMessagesApi standIn = new StandInMessagesApi()) {
			for (int i = 0; i < 2; i++) {
				standIn.then(Reply.ok(StandInMessagesApi.verdict("pass", "high", REPORT.toString(), 2,
						"Table 5: summary of results")));
			}
			Evaluation evaluation = new Evaluation(
					new AnthropicJudge("test-key", standIn.baseUrl(), "claude-test", 0, Duration.ofSeconds(10)),
					EvaluationTest.properties(), this.context.getBean(AnswerCache.class),
					this.context.getBean(JudgeCapacity.class));

			Evaluation.Outcome asked = tenants.callAs(first.organizationId(), null, () -> evaluate(evaluation));
			Evaluation.Outcome again = tenants.callAs(first.organizationId(), null, () -> evaluate(evaluation));

			assertThat(standIn.received()).hasSize(1);
			assertThat(again.pass()).isEqualTo(asked.pass());
			assertThat(again.evidence()).isEqualTo(asked.evidence());
			assertThat(asked.costMillicents()).isPositive();
			assertThat(again.costMillicents()).as("an answer from the cache costs nothing").isZero();

			tenants.callAs(second.organizationId(), null, () -> evaluate(evaluation));
			assertThat(standIn.received()).as("another organisation never gets the first one's answers").hasSize(2);
		}
	}

	private Evaluation.Outcome evaluate(Evaluation evaluation) {
		return evaluation.evaluate("Test summary", "The test report has a pass/fail summary.", null, this.documents);
	}

}
