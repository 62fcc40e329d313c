package io.assay.identity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator command run beside a running copy of Assay, on its database (with the
 * embedded default: the running copy's own server, which it must not stop).
 */
class OrganizationsCommandIntegrationTest extends IntegrationTest {

	/** What one run of the command printed and answered. */
	record Ran(int status, String output) {
	}

	private Ran run(String... arguments) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int status = OrganizationsCommand.run(List.of(arguments),
				new PrintStream(printed, true, StandardCharsets.UTF_8), this.context.getBean(Environment.class));
		return new Ran(status, printed.toString(StandardCharsets.UTF_8));
	}

	@Test
	void listShowsEveryOrganisationWithItsTierPeopleAndMonthsAssessments() {
		SignedUp first = this.api.signUp("Command body " + UUID.randomUUID());
		SignedUp second = this.api.signUp("Other command body " + UUID.randomUUID());
		this.api.member(second, "project_handler");

		Ran listed = run("list");

		assertThat(listed.status()).isZero();
		assertThat(listed.output()).contains("ID", "TIER", "PEOPLE", "NAME");
		assertThat(line(listed, first.organizationId())).contains("trial", "active", "1/5", "0/25",
				this.api.get("/v1/organizations/me", first.token()).json().at("/organization/name").asString());
		assertThat(line(listed, second.organizationId())).contains("trial", "2/5");
		// The service's own database server kept running.
		this.api.get("/v1/organizations/me", first.token()).expect(200);
	}

	@Test
	void aTierChangeTakesEffectAndIsInTheOrganisationsSealedAuditTrail() {
		String name = "Upgraded body " + UUID.randomUUID();
		SignedUp admin = this.api.signUp(name);

		Ran changed = run("tier", name, "professional");

		assertThat(changed.status()).as(changed.output()).isZero();
		assertThat(changed.output()).contains("moved from the trial tier to the professional tier");
		JsonNode overview = this.api.get("/v1/organizations/me", admin.token()).expect(200).json();
		assertThat(overview.at("/organization/subscription_tier").asString()).isEqualTo("professional");
		assertThat(overview.at("/limits/users").asInt()).isEqualTo(100);
		JsonNode entries = this.api.get("/v1/audit-logs?action=organization_tier_changed", admin.token())
			.expect(200)
			.json();
		JsonNode entry = entries.at("/items/0");
		assertThat(entry.at("/metadata/from").asString()).isEqualTo("trial");
		assertThat(entry.at("/metadata/to").asString()).isEqualTo("professional");
		assertThat(entry.at("/metadata/operator").asString()).isNotBlank();
		assertThat(entry.at("/user_id").isNull()).isTrue();
		JsonNode verification = this.api.get("/v1/audit-logs/verify", admin.token()).expect(200).json();
		assertThat(verification.at("/valid").asBoolean()).as(verification.toString()).isTrue();

		// By id, back down: the seats the organisation fills are more than the tier's.
		for (int i = 0; i < 5; i++) {
			this.api.member(admin, "project_handler");
		}
		Ran downgraded = run("tier", admin.organizationId().toString(), "trial");
		assertThat(downgraded.status()).isZero();
		assertThat(downgraded.output()).contains("the trial tier has 5 seats and the organisation fills 6");
		assertThat(this.api.get("/v1/organizations/me", admin.token())
			.json()
			.at("/organization/subscription_tier")
			.asString()).isEqualTo("trial");
	}

	@Test
	void mistakesAreRefusedWithWhatToDoAndChangeNothing() {
		String name = "Careful body " + UUID.randomUUID();
		SignedUp admin = this.api.signUp(name);

		Ran unknownTier = run("tier", name, "platinum\u001b[2J");
		assertThat(unknownTier.status()).isEqualTo(2);
		assertThat(unknownTier.output())
			.contains("There is no tier 'platinum?[2J': use trial, professional, enterprise")
			.doesNotContain("\u001b");

		Ran unknownOrganisation = run("tier", "No such body " + UUID.randomUUID(), "enterprise");
		assertThat(unknownOrganisation.status()).isEqualTo(1);
		assertThat(unknownOrganisation.output()).contains("No organisation has the id or name");

		this.api.signUp(name);
		Ran ambiguous = run("tier", name, "enterprise");
		assertThat(ambiguous.status()).isEqualTo(1);
		assertThat(ambiguous.output()).contains("Several organisations are named", admin.organizationId().toString());

		assertThat(run("rename", name).status()).isEqualTo(2);
		assertThat(run().output()).contains("Usage:", "organizations list", "organizations tier ORGANISATION TIER");
		assertThat(this.api.get("/v1/organizations/me", admin.token())
			.json()
			.at("/organization/subscription_tier")
			.asString()).isEqualTo("trial");
	}

	private static String line(Ran ran, UUID organization) {
		return ran.output()
			.lines()
			.filter(line -> line.startsWith(organization.toString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(organization + " is not listed in\n" + ran.output()));
	}

}
