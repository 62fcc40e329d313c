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
 * people read Assay in unless they choose one, and whether everyone must sign in with two
 * factors.
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

	/**
	 * @param defaultLanguage {@code en}, {@code de}, or null for each browser's
	 */
	public record Settings(String name, @Nullable String defaultLanguage, boolean requireTwoFactor) {
	}

	@Transactional(readOnly = true)
	public Settings get() {
		return this.db.sql("select name, default_locale, require_two_factor from organizations")
			.query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.single();
	}

	/**
	 * Changes what is given; {@code defaultLanguage} "" goes back to each browser's.
	 * @throws InvalidInputException naming every field at fault
	 */
	@Transactional
	public Settings change(@Nullable String name, @Nullable String defaultLanguage,
			@Nullable Boolean requireTwoFactor) {
		TextFields fields = new TextFields();
		String newName = name == null ? null : fields.required("name", name, 255);
		if (defaultLanguage != null && !defaultLanguage.isEmpty() && !OwnAccount.LANGUAGES.contains(defaultLanguage)) {
			fields.problem("default_language",
					Wording.of("field.language-or-empty", String.join(", ", OwnAccount.LANGUAGES)));
		}
		fields.check();
		Settings before = this.db.sql("select name, default_locale, require_two_factor from organizations for update")
			.query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.single();
		Settings after = new Settings(newName != null ? newName : before.name(),
				defaultLanguage == null ? before.defaultLanguage() : defaultLanguage.isEmpty() ? null : defaultLanguage,
				requireTwoFactor != null ? requireTwoFactor : before.requireTwoFactor());
		this.db.sql("update organizations set name = ?, default_locale = ?, require_two_factor = ?, updated_at = now()")
			.params(after.name(), after.defaultLanguage(), after.requireTwoFactor())
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
		if (!changes.isEmpty()) {
			this.audit.record("organization_settings_changed", "organization", this.tenants.requireOrganizationId(),
					Map.of("changes", changes));
		}
		return after;
	}

}
