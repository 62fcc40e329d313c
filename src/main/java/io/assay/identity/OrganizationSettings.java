package io.assay.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.assay.audit.AuditTrail;
import io.assay.platform.InvalidInputException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator sets for the whole organisation: its name, the language its
 * people read Assay in unless they choose one, whether everyone must sign in with two
 * factors, how long documents keep their content, and when results go to the archive.
 */
@Service
public class OrganizationSettings {

	private final JdbcClient db;

	private final AuditTrail audit;

	private final TenantContext tenants;

	OrganizationSettings(JdbcClient db, AuditTrail audit, TenantContext tenants) {
		this.db = db;
		this.audit = audit;
		this.tenants = tenants;
	}

	/** The shortest and longest retention of documents' content, in days. */
	public static final int SHORTEST_RETENTION_DAYS = 30;

	public static final int LONGEST_RETENTION_DAYS = 36_500;

	/**
	 * The shortest and longest time after which a run's results are archived, in days.
	 */
	public static final int SOONEST_ARCHIVE_DAYS = 90;

	public static final int LATEST_ARCHIVE_DAYS = 36_500;

	/**
	 * @param defaultLanguage {@code en}, {@code de}, or null for each browser's
	 * @param documentRetentionDays how long documents keep their content after upload
	 * (the file, its layout, the text read from it), or null for ever
	 * @param resultsArchiveAfterDays how long after a run ended its results move to the
	 * archive (730 unless changed), or null never
	 */
	public record Settings(String name, @Nullable String defaultLanguage, boolean requireTwoFactor,
			@Nullable Integer documentRetentionDays, @Nullable Integer resultsArchiveAfterDays) {
	}

	private static final String COLUMNS = "name, default_locale, require_two_factor, document_retention_days,"
			+ " results_archive_after_days";

	@Transactional(readOnly = true)
	public Settings get() {
		return this.db.sql("select " + COLUMNS + " from organizations").query(OrganizationSettings::settings).single();
	}

	private static Settings settings(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, Integer.class),
				rs.getObject(5, Integer.class));
	}

	/**
	 * Changes what is given; {@code defaultLanguage} "" goes back to each browser's,
	 * {@code documentRetentionDays} 0 keeps documents' content for ever,
	 * {@code resultsArchiveAfterDays} 0 never archives results. A shorter time takes
	 * effect at the next hourly sweep, for what came before as well.
	 * @throws InvalidInputException naming every field at fault
	 */
	@Transactional
	public Settings change(@Nullable String name, @Nullable String defaultLanguage, @Nullable Boolean requireTwoFactor,
			@Nullable Integer documentRetentionDays, @Nullable Integer resultsArchiveAfterDays) {
		TextFields fields = new TextFields();
		String newName = name == null ? null : fields.required("name", name, 255);
		if (defaultLanguage != null && !defaultLanguage.isEmpty() && !OwnAccount.LANGUAGES.contains(defaultLanguage)) {
			fields.problem("default_language",
					Wording.of("field.language-or-empty", String.join(", ", OwnAccount.LANGUAGES)));
		}
		if (documentRetentionDays != null && documentRetentionDays != 0
				&& (documentRetentionDays < SHORTEST_RETENTION_DAYS
						|| documentRetentionDays > LONGEST_RETENTION_DAYS)) {
			fields.problem("document_retention_days",
					Wording.of("field.retention-days", SHORTEST_RETENTION_DAYS, LONGEST_RETENTION_DAYS));
		}
		if (resultsArchiveAfterDays != null && resultsArchiveAfterDays != 0
				&& (resultsArchiveAfterDays < SOONEST_ARCHIVE_DAYS || resultsArchiveAfterDays > LATEST_ARCHIVE_DAYS)) {
			fields.problem("results_archive_after_days",
					Wording.of("field.archive-days", SOONEST_ARCHIVE_DAYS, LATEST_ARCHIVE_DAYS));
		}
		fields.check();
		Settings before = this.db.sql("select " + COLUMNS + " from organizations for update")
			.query(OrganizationSettings::settings)
			.single();
		Settings after = new Settings(newName != null ? newName : before.name(),
				defaultLanguage == null ? before.defaultLanguage() : defaultLanguage.isEmpty() ? null : defaultLanguage,
				requireTwoFactor != null ? requireTwoFactor : before.requireTwoFactor(),
				orNever(documentRetentionDays, before.documentRetentionDays()),
				orNever(resultsArchiveAfterDays, before.resultsArchiveAfterDays()));
		this.db.sql("""
				update organizations
				   set name = ?, default_locale = ?, require_two_factor = ?, document_retention_days = ?,
				       results_archive_after_days = ?, updated_at = now()
				""")
			.params(after.name(), after.defaultLanguage(), after.requireTwoFactor(), after.documentRetentionDays(),
					after.resultsArchiveAfterDays())
			.update();
		Map<String, Object> changes = new LinkedHashMap<>();
		if (!before.name().equals(after.name())) {
			changes.put("name", Map.of("from", before.name(), "to", after.name()));
		}
		if (!java.util.Objects.equals(before.defaultLanguage(), after.defaultLanguage())) {
			changes.put("default_language", Map.of("from", String.valueOf(before.defaultLanguage()), "to",
					String.valueOf(after.defaultLanguage())));
		}
		if (before.requireTwoFactor() != after.requireTwoFactor()) {
			changes.put("require_two_factor",
					Map.of("from", before.requireTwoFactor(), "to", after.requireTwoFactor()));
		}
		if (!java.util.Objects.equals(before.documentRetentionDays(), after.documentRetentionDays())) {
			changes.put("document_retention_days", Map.of("from", String.valueOf(before.documentRetentionDays()), "to",
					String.valueOf(after.documentRetentionDays())));
		}
		if (!java.util.Objects.equals(before.resultsArchiveAfterDays(), after.resultsArchiveAfterDays())) {
			changes.put("results_archive_after_days", Map.of("from", String.valueOf(before.resultsArchiveAfterDays()),
					"to", String.valueOf(after.resultsArchiveAfterDays())));
		}
		if (!changes.isEmpty()) {
			this.audit.record("organization_settings_changed", "organization", this.tenants.requireOrganizationId(),
					Map.of("changes", changes));
		}
		return after;
	}

	/** A number of days as given: left out keeps {@code before}, 0 means never. */
	private static @Nullable Integer orNever(@Nullable Integer given, @Nullable Integer before) {
		return given == null ? before : given == 0 ? null : given;
	}

}
