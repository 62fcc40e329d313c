package io.assay.platform.database;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.assay.IntegrationTest;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Isolation enforced by PostgreSQL itself: the application's role, bound to one
 * organisation, runs queries without any organisation filter and still sees only that
 * organisation's rows.
 */
class TenantIsolationIntegrationTest extends IntegrationTest {

	private static final List<String> TENANT_TABLES = List.of("users", "workflows", "buckets", "criteria",
			"submissions", "assessments", "assessment_documents", "assessment_results", "assessment_result_answers",
			"access_tokens", "audit_logs", "workflow_versions", "documents", "parsed_documents", "parsed_pages",
			"assessment_sign_offs", "result_comments", "usage_months", "document_layouts", "invitations",
			"password_resets", "recovery_codes", "login_challenges", "webhook_deliveries", "usage_workflow_months");

	private JdbcClient app;

	private TenantContext tenants;

	private TransactionTemplate transactions;

	private TenantGraph a;

	private TenantGraph b;

	@BeforeEach
	void twoOrganizations() {
		this.app = JdbcClient.create(this.context.getBean(DataSource.class));
		this.tenants = this.context.getBean(TenantContext.class);
		this.transactions = this.context.getBean(TransactionTemplate.class);
		this.a = TenantGraph.create(this.database.asOwner());
		this.b = TenantGraph.create(this.database.asOwner());
	}

	@Test
	void queriesWithoutAnOrganizationFilterSeeOnlyTheBoundOrganization() {
		for (String table : TENANT_TABLES) {
			List<UUID> seenAsB = as(this.b.organization(),
					() -> this.app.sql("select distinct organization_id from " + table).query(UUID.class).list());
			assertThat(seenAsB).as("organisations visible in %s as B", table).containsExactly(this.b.organization());
		}
		List<UUID> organizationsSeenAsB = as(this.b.organization(),
				() -> this.app.sql("select id from organizations").query(UUID.class).list());
		assertThat(organizationsSeenAsB).containsExactly(this.b.organization());
	}

	@Test
	void withNoOrganizationBoundNothingIsVisible() {
		for (String table : TENANT_TABLES) {
			long rows = this.transactions
				.execute(tx -> this.app.sql("select count(*) from " + table).query(Long.class).single());
			assertThat(rows).as("rows visible in %s with no organisation bound", table).isZero();
		}
		// Outside any transaction nothing is bound either.
		assertThat(this.app.sql("select count(*) from organizations").query(Long.class).single()).isZero();
	}

	@Test
	void anotherOrganizationsRowsCannotBeChangedOrDeleted() {
		int updated = as(this.b.organization(),
				() -> this.app.sql("update workflows set name = 'hijacked' where id = ?")
					.param(this.a.workflow())
					.update());
		int deleted = as(this.b.organization(),
				() -> this.app.sql("delete from users where id = ?").param(this.a.user()).update());

		assertThat(updated).isZero();
		assertThat(deleted).isZero();
		assertThat(this.database.asOwner()
			.sql("select name from workflows where id = ?")
			.param(this.a.workflow())
			.query(String.class)
			.single()).isEqualTo("Graph workflow");
	}

	@Test
	void rowsCannotBeWrittenIntoAnotherOrganization() {
		assertThatThrownBy(() -> as(this.b.organization(),
				() -> this.app.sql("insert into workflows (organization_id, name) values (?, 'planted')")
					.param(this.a.organization())
					.update()))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("row-level security");
		assertThatThrownBy(() -> as(this.b.organization(),
				() -> this.app.sql("update workflows set organization_id = ? where id = ?")
					.params(this.a.organization(), this.b.workflow())
					.update()))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("row-level security");
	}

	@Test
	void theBindingEndsWithTheTransaction() {
		as(this.a.organization(), () -> this.app.sql("select 1").query(Integer.class).single());

		long visibleAfterwards = this.transactions
			.execute(tx -> this.app.sql("select count(*) from workflows").query(Long.class).single());
		assertThat(visibleAfterwards).isZero();
	}

	@Test
	void theApplicationRoleCannotBypassRowLevelSecurity() {
		JdbcClient owner = this.database.asOwner();
		String role = this.database.appUser();
		assertThat(owner.sql("select rolsuper or rolbypassrls from pg_roles where rolname = ?")
			.param(role)
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(owner
			.sql("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner"
					+ " where r.rolname = ? or pg_has_role(?, c.relowner, 'USAGE')")
			.params(role, role)
			.query(Long.class)
			.single()).as("relations owned by the application role or a role it is a member of").isZero();
		List<String> unprotected = owner.sql("""
				select c.relname from pg_class c
				 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relrowsecurity
				   and exists (select from information_schema.columns col
				                where col.table_name = c.relname and col.column_name = 'organization_id')
				""").query(String.class).list();
		assertThat(unprotected).as("tables with organization_id but no row-level security").isEmpty();
	}

	@Test
	void startupRefusesARoleThatCouldSeeEveryOrganization() {
		ApplicationRole role = new ApplicationRole(this.database.asOwner());
		String owner = this.database.asOwner().sql("select current_user").query(String.class).single();

		assertThatThrownBy(() -> role.requireSubjectToRowLevelSecurity(owner)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(owner);
	}

	private <T> T as(UUID organization, java.util.function.Supplier<T> work) {
		return this.tenants.callAs(organization, null, () -> this.transactions.execute(tx -> work.get()));
	}

}
