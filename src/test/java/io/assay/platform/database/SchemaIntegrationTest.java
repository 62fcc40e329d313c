package io.assay.platform.database;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's constraints and foreign-key actions, exercised on the real schema as its
 * owner (so that row-level security plays no part and only the constraints decide).
 */
class SchemaIntegrationTest extends IntegrationTest {

	private JdbcClient owner;

	private TenantGraph graph;

	@BeforeEach
	void createGraph() {
		this.owner = this.database.asOwner();
		this.graph = TenantGraph.create(this.owner);
	}

	static Stream<Arguments> badValues() {
		return Stream.of(
				Arguments.of("organizations", "subscription_tier", "'gold'", "organizations_subscription_tier_check"),
				Arguments.of("organizations", "subscription_status", "'frozen'",
						"organizations_subscription_status_check"),
				Arguments.of("users", "role", "'superuser'", "users_role_check"),
				Arguments.of("workflows", "version", "0", "workflows_version_check"),
				Arguments.of("buckets", "order_index", "-1", "buckets_order_index_check"),
				Arguments.of("criteria", "order_index", "-1", "criteria_order_index_check"),
				Arguments.of("assessments", "status", "'pending'", "assessments_status_check"),
				Arguments.of("assessments", "duration_ms", "-1", "assessments_duration_ms_check"),
				Arguments.of("assessments", "ai_cost_cents", "-1", "assessments_ai_cost_cents_check"),
				Arguments.of("assessment_documents", "file_size_bytes", "0",
						"assessment_documents_file_size_bytes_check"),
				Arguments.of("assessment_documents", "file_type", "'zip'", "assessment_documents_file_type_check"),
				Arguments.of("assessment_documents", "page_count", "-1", "assessment_documents_page_count_check"),
				Arguments.of("assessment_results", "confidence", "'certain'", "assessment_results_confidence_check"),
				Arguments.of("assessment_results", "evidence_page", "0", "assessment_results_evidence_page_check"),
				Arguments.of("access_tokens", "kind", "'forever'", "access_tokens_kind_check"));
	}

	@ParameterizedTest(name = "{0}.{1} = {2} is refused by {3}")
	@MethodSource("badValues")
	void checkConstraintRejectsBadValue(String table, String column, String badValue, String constraint) {
		UUID id = switch (table) {
			case "organizations" -> this.graph.organization();
			case "users" -> this.graph.user();
			case "workflows" -> this.graph.workflow();
			case "buckets" -> this.graph.bucket();
			case "criteria" -> this.graph.criterion();
			case "assessments" -> this.graph.assessment();
			case "assessment_documents" -> this.graph.document();
			case "assessment_results" -> this.graph.result();
			case "access_tokens" -> this.graph.token();
			default -> throw new IllegalArgumentException(table);
		};
		assertThatThrownBy(
				() -> this.owner.sql("update " + table + " set " + column + " = " + badValue + " where id = ?")
					.param(id)
					.update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining(constraint);
	}

	@Test
	void deletingAnOrganizationCascadesToAllItsData() {
		this.owner.sql("delete from organizations where id = ?").param(this.graph.organization()).update();

		for (String table : new String[] { "users", "workflows", "buckets", "criteria", "assessments",
				"assessment_documents", "assessment_results", "assessment_result_answers", "access_tokens",
				"audit_logs", "workflow_versions", "documents", "parsed_documents", "parsed_pages", "document_layouts",
				"invitations", "password_resets", "recovery_codes", "login_challenges" }) {
			assertThat(this.graph.count(this.owner, table, "organization_id", this.graph.organization()))
				.as("rows left in %s", table)
				.isZero();
		}
	}

	@Test
	void deletingAUserKeepsTheirWorkflowsAndAssessmentsWithoutAuthor() {
		this.owner.sql("delete from access_tokens where user_id = ?").param(this.graph.user()).update();
		this.owner.sql("delete from users where id = ?").param(this.graph.user()).update();

		assertThat(this.owner.sql("select created_by is null from workflows where id = ?")
			.param(this.graph.workflow())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.owner.sql("select created_by is null from assessments where id = ?")
			.param(this.graph.assessment())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.owner.sql("select count(*) from invitations where organization_id = ? and invited_by is null")
			.param(this.graph.organization())
			.query(Long.class)
			.single()).as("an invitation keeps going without its inviter").isOne();
		assertThat(this.graph.count(this.owner, "password_resets", "user_id", this.graph.user())).isZero();
	}

	@Test
	void aWorkflowWithAssessmentsCannotBeDeleted() {
		assertThatThrownBy(
				() -> this.owner.sql("delete from workflows where id = ?").param(this.graph.workflow()).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("assessments");
	}

	@Test
	void aCriterionWithResultsCannotBeDeleted() {
		assertThatThrownBy(
				() -> this.owner.sql("delete from criteria where id = ?").param(this.graph.criterion()).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("assessment_results");
	}

	@Test
	void aBucketWithDocumentsCannotBeDeleted() {
		assertThatThrownBy(() -> this.owner.sql("delete from buckets where id = ?").param(this.graph.bucket()).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("documents");
	}

	@Test
	void deletingAWorkflowWithoutSubmissionsOrDocumentsCascadesToBucketsAndCriteria() {
		this.owner.sql("delete from submissions where id = ?").param(this.graph.submission()).update();
		this.owner.sql("delete from documents where bucket_id = ?").param(this.graph.bucket()).update();
		this.owner.sql("delete from workflows where id = ?").param(this.graph.workflow()).update();

		assertThat(this.graph.count(this.owner, "buckets", "workflow_id", this.graph.workflow())).isZero();
		assertThat(this.graph.count(this.owner, "criteria", "workflow_id", this.graph.workflow())).isZero();
	}

	@Test
	void theDatabaseAndTheVerdictTypeDecideEveryResultAlike() {
		Boolean[] verdicts = { null, true, false };
		for (Boolean reviewPass : verdicts) {
			for (Boolean pass : verdicts) {
				for (String confidence : List.of("high", "medium", "low")) {
					for (boolean answered : new boolean[] { true, false }) {
						String inSql = this.owner.sql("select assay_result_verdict(?, ?, ?, ?)")
							.params(reviewPass, pass, confidence, answered)
							.query(String.class)
							.single();
						assertThat(inSql)
							.as("review %s, AI %s, %s confidence, answered %s", reviewPass, pass, confidence, answered)
							.isEqualTo(io.assay.assessment.Verdict.of(reviewPass, pass, confidence, answered).value());
					}
				}
			}
		}
	}

	@Test
	void deletingASubmissionCascadesToItsRuns() {
		this.owner.sql("delete from submissions where id = ?").param(this.graph.submission()).update();

		assertThat(this.graph.count(this.owner, "assessments", "id", this.graph.assessment())).isZero();
		assertThat(this.graph.count(this.owner, "assessment_results", "assessment_id", this.graph.assessment()))
			.isZero();
	}

	@Test
	void aSubmissionsReferenceIsUniqueInItsOrganizationRegardlessOfCase() {
		assertThatThrownBy(() -> this.owner.sql("""
				insert into submissions (organization_id, workflow_id, reference) values (?, ?, 'graph-1')
				""").params(this.graph.organization(), this.graph.workflow()).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("submissions_reference_key");
	}

	@Test
	void deletingAnAssessmentCascadesToItsDocumentsAndResults() {
		this.owner.sql("delete from assessments where id = ?").param(this.graph.assessment()).update();

		assertThat(this.graph.count(this.owner, "assessment_documents", "assessment_id", this.graph.assessment()))
			.isZero();
		assertThat(this.graph.count(this.owner, "assessment_results", "assessment_id", this.graph.assessment()))
			.isZero();
		assertThat(this.graph.count(this.owner, "assessment_result_answers", "result_id", this.graph.result()))
			.as("the raw answers of its results")
			.isZero();
	}

	@Test
	void deletingAnEvidenceDocumentKeepsTheResultWithoutIt() {
		this.owner.sql("delete from assessment_documents where id = ?").param(this.graph.document()).update();

		assertThat(this.owner.sql("select evidence_document_id is null from assessment_results where id = ?")
			.param(this.graph.result())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aChildCannotBelongToAnotherOrganizationThanItsParent() {
		TenantGraph other = TenantGraph.create(this.owner);

		assertThatThrownBy(() -> this.owner
			.sql("insert into buckets (workflow_id, organization_id, name) values (?, ?, 'Smuggled')")
			.params(this.graph.workflow(), other.organization())
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("buckets_workflow_same_organization_fkey");
	}

	@Test
	void emailAddressesAreUniqueInAnOrganizationRegardlessOfCaseAndFreeAcrossThem() {
		String email = this.owner.sql("select email from users where id = ?")
			.param(this.graph.user())
			.query(String.class)
			.single();

		assertThatThrownBy(() -> this.owner
			.sql("insert into users (organization_id, email, name, role) values (?, ?, 'Twin', 'admin')")
			.params(this.graph.organization(), email.toUpperCase())
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("users_organization_email_key");
		UUID elsewhere = this.owner.sql("insert into organizations (name) values ('Elsewhere') returning id")
			.query(UUID.class)
			.single();
		assertThat(this.owner
			.sql("insert into users (organization_id, email, name, role) values (?, ?, 'Namesake', 'admin')")
			.params(elsewhere, email.toUpperCase())
			.update()).isEqualTo(1);
	}

}
