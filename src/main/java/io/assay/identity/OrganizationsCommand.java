package io.assay.identity;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.OperatorAudit;
import io.assay.billing.TierLimits;
import io.assay.billing.UsageOfAllOrganizations;
import io.assay.platform.database.OperatorDatabase;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's view of the organisations on a server, run from the jar beside the
 * service:
 *
 * <pre>
 * organizations list                          every organisation: tier, people, this month's assessments
 * organizations tier ORGANISATION TIER        moves an organisation (its id or exact name) to trial,
 *                                             professional or enterprise
 * </pre>
 *
 * A tier change is recorded in the organisation's audit trail, sealed like every entry.
 */
public final class OrganizationsCommand {

	static final List<String> TIERS = List.of("trial", "professional", "enterprise");

	private static final String USAGE = """
			Usage:
			  organizations list                         every organisation with its tier, people and this month's assessments
			  organizations tier ORGANISATION TIER       moves an organisation (its id, or its exact name) to another tier:
			                                             trial, professional or enterprise
			The command uses the settings Assay runs with (ASSAY_DATA_DIR, ASSAY_DATABASE_URL, ...).""";

	private OrganizationsCommand() {
	}

	/** One organisation as the operator sees it. */
	record Listed(UUID id, String name, String tier, String status, long people, long invited,
			OffsetDateTime createdAt) {
	}

	/**
	 * @return the process's exit status: 0 done, 1 refused, 2 a usage mistake
	 */
	public static int run(List<String> arguments, PrintStream out, Environment environment) {
		String action = arguments.isEmpty() ? "" : arguments.getFirst();
		if (!(action.equals("list") && arguments.size() == 1) && !(action.equals("tier") && arguments.size() == 3)) {
			out.println(USAGE);
			return 2;
		}
		if (action.equals("tier") && !TIERS.contains(arguments.get(2))) {
			out.println("There is no tier '" + printable(arguments.get(2)) + "': use " + String.join(", ", TIERS));
			return 2;
		}
		try (OperatorDatabase database = OperatorDatabase.open(environment)) {
			out.println("Database: " + database.description());
			if (action.equals("list")) {
				list(database.owner(), out);
				return 0;
			}
			return changeTier(database, environment, arguments.get(1), arguments.get(2), out);
		}
		catch (IllegalStateException | org.springframework.dao.DataAccessException ex) {
			out.println(ex.getMessage());
			return 1;
		}
	}

	private static void list(JdbcClient db, PrintStream out) {
		List<Listed> organizations = all(db);
		YearMonth month = YearMonth.now(ZoneOffset.UTC);
		Map<UUID, Long> assessments = UsageOfAllOrganizations.assessmentsIn(db, month);
		String row = "%-36s  %-12s  %-9s  %-9s  %-19s  %-10s  %s%n";
		out.printf(row, "ID", "TIER", "STATUS", "PEOPLE", "ASSESSMENTS " + month, "CREATED", "NAME");
		for (Listed organization : organizations) {
			TierLimits limits = TierLimits.of(organization.tier());
			out.printf(row, organization.id(), organization.tier(), organization.status(),
					ofLimit(organization.people(), limits.users()),
					ofLimit(assessments.getOrDefault(organization.id(), 0L), limits.assessmentsPerMonth()),
					organization.createdAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
					printable(organization.name()));
		}
		out.println(organizations.size() + (organizations.size() == 1 ? " organisation" : " organisations"));
	}

	private static int changeTier(OperatorDatabase database, Environment environment, String which, String tier,
			PrintStream out) {
		return database.inTransaction(db -> {
			List<Listed> matching = all(db).stream()
				.filter(organization -> organization.id().toString().equalsIgnoreCase(which)
						|| organization.name().equals(which))
				.toList();
			if (matching.size() != 1) {
				out.println(matching.isEmpty() ? "No organisation has the id or name '" + printable(which) + "'"
						: "Several organisations are named '" + printable(which) + "'; give the id of one: "
								+ String.join(", ", matching.stream().map(m -> m.id().toString()).toList()));
				return 1;
			}
			Listed organization = matching.getFirst();
			UUID id = organization.id();
			if (organization.tier().equals(tier)) {
				out.println(printable(organization.name()) + " is on the " + tier + " tier already; nothing changed");
				return 0;
			}
			// Locked, so that a seat taken meanwhile is counted in the warning below.
			db.sql("select id from organizations where id = ? for update").param(id).query(UUID.class).single();
			db.sql("update organizations set subscription_tier = ? where id = ?").params(tier, id).update();
			OperatorAudit.open(db, environment)
				.record(id, "organization_tier_changed", "organization", id,
						Map.of("from", organization.tier(), "to", tier));
			out.println(printable(organization.name()) + " (" + id + ") moved from the " + organization.tier()
					+ " tier to the " + tier + " tier");
			seatsOver(organization, tier).ifPresent(out::println);
			return 0;
		});
	}

	/** A warning when the new tier has fewer seats than the organisation fills. */
	private static Optional<String> seatsOver(Listed organization, String tier) {
		@Nullable Integer seats = TierLimits.of(tier).users();
		long taken = organization.people() + organization.invited();
		if (seats == null || taken <= seats) {
			return Optional.empty();
		}
		return Optional.of("Note: the " + tier + " tier has " + seats + " seats and the organisation fills " + taken
				+ " (" + organization.people() + " people, " + organization.invited() + " open invitations). "
				+ "Nobody loses access; no one can be added until people are removed.");
	}

	private static List<Listed> all(JdbcClient db) {
		return db.sql("""
				select o.id, o.name, o.subscription_tier, o.subscription_status, o.created_at,
				       (select count(*) from users u where u.organization_id = o.id) as people,
				       (select count(*) from invitations i
				         where i.organization_id = o.id and i.accepted_at is null and i.revoked_at is null
				           and (i.expires_at is null or i.expires_at > now())) as invited
				  from organizations o
				 order by o.created_at, o.id
				""")
			.query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("subscription_tier"), rs.getString("subscription_status"), rs.getLong("people"),
					rs.getLong("invited"), rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	private static String ofLimit(long used, @Nullable Integer limit) {
		return limit == null ? used + "" : used + "/" + limit;
	}

	/**
	 * A name as the terminal should show it: a control character in a name (an escape
	 * sequence) must not reach the operator's terminal.
	 */
	private static String printable(String text) {
		return text.codePoints()
			.map(c -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
