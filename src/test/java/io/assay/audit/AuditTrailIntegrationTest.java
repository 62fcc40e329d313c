package io.assay.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail: complete, per organisation, filterable, and impossible to rewrite
 * unnoticed.
 */
class AuditTrailIntegrationTest extends IntegrationTest {

	private SignedUp org;

	@BeforeEach
	void organization() {
		this.org = this.api.signUp("Audited body");
	}

	@Test
	void signupIsRecordedWithWhoAndFromWhere() {
		JsonNode items = this.api.get("/v1/audit-logs?sort=seq", this.org.token()).expect(200).json().at("/items");

		assertThat(actions(items)).containsExactly("organization_created", "user_created");
		JsonNode created = items.get(1);
		assertThat(created.at("/user_id").asString()).isEqualTo(this.org.userId().toString());
		assertThat(created.at("/resource_id").asString()).isEqualTo(this.org.userId().toString());
		assertThat(created.at("/ip_address").asString()).isEqualTo("127.0.0.1");
		assertThat(created.at("/user_agent").asString()).isEqualTo("assay-tests");
		assertThat(created.at("/metadata/email").asString()).isEqualTo(this.org.email());
	}

	@Test
	void filtersNarrowTheList() {
		this.api.post("/v1/auth/login", null, Map.of("email", this.org.email(), "password", "not the password!"))
			.expect(401);
		this.api.post("/v1/auth/login", null, Map.of("email", this.org.email(), "password", this.org.password()))
			.expect(200);
		String token = this.org.token();

		assertThat(actions(this.api.get("/v1/audit-logs?action=login_failed", token).expect(200).json().at("/items")))
			.containsExactly("login_failed");
		assertThat(this.api
			.get("/v1/audit-logs?resource_type=organization&resource_id=" + this.org.organizationId(), token)
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(1);
		assertThat(this.api.get("/v1/audit-logs?user_id=" + this.org.userId(), token)
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(4);
		assertThat(this.api.get("/v1/audit-logs?from=" + Instant.now().plusSeconds(60), token)
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isZero();
		assertThat(this.api.get("/v1/audit-logs?to=" + Instant.now().minusSeconds(3600), token)
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isZero();
		JsonNode page = this.api.get("/v1/audit-logs?limit=1&page=2", token).expect(200).json();
		assertThat(page.at("/items").size()).isEqualTo(1);
		assertThat(page.at("/total").asLong()).isEqualTo(4);
		assertThat(page.at("/items/0/action").asString()).isEqualTo("login_failed");
	}

	@Test
	void theTrailIsWalkedByCursorNewestFirstWithItsFilters() {
		String token = this.org.token();
		for (int i = 0; i < 4; i++) {
			this.api.post("/v1/auth/login", null, Map.of("email", this.org.email(), "password", "wrong " + i))
				.expect(401);
		}
		List<Long> everything = new ArrayList<>();
		this.api.get("/v1/audit-logs?sort=-seq&limit=100", token)
			.expect(200)
			.json()
			.at("/items")
			.forEach(entry -> everything.add(entry.at("/seq").asLong()));
		List<Long> walked = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = this.api.get("/v1/audit-logs?limit=2&cursor=" + cursor, token).expect(200).json();
			assertThat(page.has("total")).as("no total counted on a cursor page").isFalse();
			page.at("/items").forEach(entry -> walked.add(entry.at("/seq").asLong()));
			cursor = page.at("/next_cursor").isNull() ? null : page.at("/next_cursor").asString();
			pages++;
		}
		while (cursor != null && pages < 50);
		assertThat(walked).as("every entry once, newest first").isEqualTo(everything);

		JsonNode failures = this.api.get("/v1/audit-logs?cursor=&limit=3&action=login_failed", token)
			.expect(200)
			.json();
		assertThat(actions(failures.at("/items"))).containsOnly("login_failed").hasSize(3);
		JsonNode rest = this.api
			.get("/v1/audit-logs?limit=3&action=login_failed&cursor=" + failures.at("/next_cursor").asString(), token)
			.expect(200)
			.json();
		assertThat(actions(rest.at("/items"))).containsExactly("login_failed");
		assertThat(rest.at("/next_cursor").isNull()).isTrue();

		SignedUp other = this.api.signUp("Other cursor body");
		assertThat(this.api.get("/v1/audit-logs?cursor=" + failures.at("/next_cursor").asString(), other.token())
			.expect(200)
			.json()
			.at("/items")
			.findValuesAsString("user_id")).as("another organisation's cursor shows only its own trail")
			.doesNotContain(this.org.userId().toString());

		for (String bad : List.of("not-a-cursor", "YXVkaXQvLTE", "cnVuLzE",
				"YXVkaXQv" + "OTk5OTk5OTk5OTk5OTk5OTk5OTk5")) {
			JsonNode problem = this.api.get("/v1/audit-logs?cursor=" + bad, token).expect(422).json();
			assertThat(problem.at("/errors/0/field").asString()).as(bad).isEqualTo("cursor");
		}
		this.api.get("/v1/audit-logs?cursor=%00", token).expect(400);
		assertThat(this.api.get("/v1/audit-logs?cursor=&page=2", token)
			.expect(422)
			.json()
			.at("/errors/0/field")
			.asString()).isEqualTo("page");
	}

	@Test
	void badFiltersAreRefusedWithTheirFieldNamed() {
		JsonNode problem = this.api.get("/v1/audit-logs?limit=500&sort=password", this.org.token()).expect(422).json();

		assertThat(problem.at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("limit", "sort");
		this.api.get("/v1/audit-logs?from=yesterday", this.org.token()).expect(422);
		this.api.get("/v1/audit-logs?user_id=nobody", this.org.token()).expect(422);
	}

	@Test
	void eachOrganizationSeesOnlyItsOwnEntries() {
		SignedUp other = this.api.signUp("Other body");

		JsonNode minePage = this.api.get("/v1/audit-logs?limit=100", this.org.token()).expect(200).json();
		JsonNode theirsPage = this.api.get("/v1/audit-logs?limit=100", other.token()).expect(200).json();
		JsonNode mine = minePage.at("/items");
		JsonNode theirs = theirsPage.at("/items");
		assertThat(minePage.at("/total").asLong()).as("the whole trail's total, from its chain").isEqualTo(mine.size());
		assertThat(theirsPage.at("/total").asLong()).isEqualTo(theirs.size());

		assertThat(mine.findValuesAsString("user_id")).containsOnly(this.org.userId().toString());
		assertThat(theirs.findValuesAsString("user_id")).containsOnly(other.userId().toString());
		assertThat(this.api.get("/v1/audit-logs?user_id=" + this.org.userId(), other.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isZero();
	}

	@Test
	void entriesCannotBeChangedOrDeletedEvenThroughPlainSql() {
		JdbcClient app = JdbcClient.create(this.context.getBean(DataSource.class));
		JdbcClient owner = this.database.asOwner();

		assertThatThrownBy(() -> app.sql("update audit_logs set action = 'nothing_happened'").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> app.sql("delete from audit_logs").update()).isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(
				() -> owner.sql("update audit_logs set action = 'nothing_happened' where organization_id = ?")
					.param(this.org.organizationId())
					.update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("delete from audit_logs where organization_id = ?")
			.param(this.org.organizationId())
			.update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("truncate audit_logs, audit_seals").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
	}

	/**
	 * A long transaction that recorded an action does not hold up the organisation's
	 * other audited actions: its entry joins the chain as it commits, after theirs.
	 */
	@Test
	void aLongTransactionDoesNotHoldUpTheOrganisationsOtherAuditedActions() throws Exception {
		AuditTrail audit = this.context.getBean(AuditTrail.class);
		TransactionTemplate transactions = this.context.getBean(TransactionTemplate.class);
		TenantContext tenants = this.context.getBean(TenantContext.class);
		CountDownLatch recorded = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> longOne = threads.submit(() -> tenants.callAs(this.org.organizationId(), this.org.userId(),
					() -> transactions.execute(tx -> {
						audit.record("batch_imported", "organization", this.org.organizationId(), Map.of());
						recorded.countDown();
						try {
							return finish.await(2, TimeUnit.MINUTES);
						}
						catch (InterruptedException ex) {
							throw new IllegalStateException(ex);
						}
					})));
			assertThat(recorded.await(60, TimeUnit.SECONDS)).isTrue();

			Future<Integer> meanwhile = threads.submit(
					() -> this.api
						.post("/v1/workflows", this.org.token(),
								Map.of("name", "Meanwhile", "buckets", List.of(Map.of("name", "Reports")), "criteria",
										List.of(Map.of("name", "Scope", "description", "The scope is stated."))))
						.status());
			try {
				assertThat(meanwhile.get(60, TimeUnit.SECONDS)).as("audited while the long transaction is open")
					.isEqualTo(201);
			}
			finally {
				finish.countDown();
			}
			longOne.get(60, TimeUnit.SECONDS);
		}
		finally {
			finish.countDown();
			threads.shutdownNow();
		}

		JsonNode items = this.api.get("/v1/audit-logs?sort=seq", this.org.token()).expect(200).json().at("/items");
		assertThat(actions(items)).as("in the order the transactions committed")
			.containsExactly("organization_created", "user_created", "workflow_created", "batch_imported");
		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).as(verification.toString()).isTrue();
	}

	@Test
	void anUntouchedChainVerifies() {
		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();

		assertThat(verification.at("/valid").asBoolean()).isTrue();
		assertThat(verification.at("/entries").asLong()).isEqualTo(2);
		assertThat(verification.at("/first_broken_id").isNull()).isTrue();
	}

	@Test
	void verifyFindsAnEntryRewrittenByTheTableOwner() {
		this.api.post("/v1/api-tokens", this.org.token(), Map.of("name", "ci")).expect(201);
		UUID tampered = entryAt(2);

		asOwnerPastTheAppendOnlyTriggers(List.of("audit_logs"), owner -> {
			owner.sql("update audit_logs set metadata = '{\"email\":\"someone-else@example.org\"}' where id = ?")
				.param(tampered)
				.update();
		});

		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).isFalse();
		assertThat(verification.at("/entries").asLong()).isEqualTo(3);
		assertThat(verification.at("/first_broken_id").asString()).isEqualTo(tampered.toString());
		assertThat(verification.at("/problem").asString()).contains("changed");
	}

	@Test
	void verifyNoticesEntriesRemovedFromTheEndOfTheChain() {
		this.api.post("/v1/api-tokens", this.org.token(), Map.of("name", "ci")).expect(201);
		UUID last = entryAt(3);

		asOwnerPastTheAppendOnlyTriggers(List.of("audit_logs", "audit_seals"), owner -> {
			owner.sql("delete from audit_logs where id = ?").param(last).update();
		});

		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).isFalse();
		assertThat(verification.at("/problem").asString()).contains("removed");
	}

	@Test
	void verifyFindsARewriteWhoseChainWasRecomputedWithTheDatabasesOwnDigest() {
		this.api.post("/v1/api-tokens", this.org.token(), Map.of("name", "ci")).expect(201);
		this.api.post("/v1/api-tokens", this.org.token(), Map.of("name", "nightly")).expect(201);
		UUID tampered = entryAt(2);

		asOwnerPastTheAppendOnlyTriggers(List.of("audit_logs"), owner -> {
			owner.sql("update audit_logs set metadata = '{\"email\":\"someone-else@example.org\"}' where id = ?")
				.param(tampered)
				.update();
			// Every hash from the rewritten entry on, recomputed in chain order as the
			// database itself computes them, and the chain's head moved along.
			owner.sql("""
					do $$
					declare
					    e audit_logs;
					    previous bytea;
					begin
					    for e in select * from audit_logs where organization_id = '%s' order by seq loop
					        if e.seq >= 2 then
					            update audit_logs set prev_hash = previous, hash = audit_entry_digest(previous, e)
					             where id = e.id returning hash into previous;
					        else
					            previous := e.hash;
					        end if;
					    end loop;
					    update audit_chain_heads set last_hash = previous where chain_id = '%s';
					end
					$$""".formatted(this.org.organizationId(), this.org.organizationId())).update();
		});

		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).isFalse();
		assertThat(verification.at("/first_broken_id").asString()).isEqualTo(tampered.toString());
		assertThat(verification.at("/problem").asString())
			.isEqualTo("entry 2 was changed and the chain recomputed: its seal does not match");
	}

	@Test
	void verifyNoticesEntriesWhoseSealsWereRemoved() {
		this.api.post("/v1/api-tokens", this.org.token(), Map.of("name", "ci")).expect(201);
		UUID last = entryAt(3);

		asOwnerPastTheAppendOnlyTriggers(List.of("audit_seals"), owner -> {
			owner.sql("delete from audit_seals where entry_id = ?").param(last).update();
		});

		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).isFalse();
		assertThat(verification.at("/first_broken_id").asString()).isEqualTo(last.toString());
		assertThat(verification.at("/problem").asString()).startsWith("entry 3 and those after it have no seal");
	}

	@Test
	void sealsCannotBeChangedEvenByTheOwner() {
		JdbcClient owner = this.database.asOwner();
		assertThatThrownBy(() -> owner.sql("update audit_seals set seal = '\\x00' where organization_id = ?")
			.param(this.org.organizationId())
			.update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
		assertThat(owner.sql("select count(*) from audit_seals where organization_id = ?")
			.param(this.org.organizationId())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void entriesOfAVersionWithoutSealsAreVouchedForOnceTheOperatorAsks() throws Exception {
		// As a version before seals wrote it: straight into the table.
		this.database.asOwner()
			.sql("insert into audit_logs (organization_id, action) values (?, 'written_before_seals')")
			.param(this.org.organizationId())
			.update();
		assertThat(this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json().at("/problem").asString())
			.contains("ASSAY_AUDIT_SEAL_EXISTING=true");

		AuditSeals.AuditProperties settings = new AuditSeals.AuditProperties(null,
				java.nio.file.Path.of(this.context.getEnvironment().getRequiredProperty("assay.audit.key-file")), true);
		new AuditSeals(this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class),
				this.context.getBean(org.springframework.transaction.support.TransactionTemplate.class), settings)
			.sealChainHeads();

		JsonNode verification = this.api.get("/v1/audit-logs/verify", this.org.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).isTrue();
		assertThat(verification.at("/entries").asLong()).isEqualTo(3);
	}

	/**
	 * Works as the table owner would who switches the append-only triggers of the tables
	 * off, as an attacker with the owner's rights can, and on again afterwards.
	 */
	private void asOwnerPastTheAppendOnlyTriggers(List<String> tables, java.util.function.Consumer<JdbcClient> work) {
		this.database.asOwnerInOneTransaction(owner -> {
			tables.forEach(
					table -> owner.sql("alter table " + table + " disable trigger " + table + "_append_only").update());
			work.accept(owner);
			tables.forEach(
					table -> owner.sql("alter table " + table + " enable trigger " + table + "_append_only").update());
		});
	}

	private UUID entryAt(long seq) {
		return this.database.asOwner()
			.sql("select id from audit_logs where organization_id = ? and seq = ?")
			.params(this.org.organizationId(), seq)
			.query(UUID.class)
			.single();
	}

	private static List<String> actions(JsonNode items) {
		return items.findValuesAsString("action");
	}

}
