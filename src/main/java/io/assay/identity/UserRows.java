package io.assay.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/** Reads users and organisations from rows, so every query maps them the same way. */
final class UserRows {

	static final String USER_COLUMNS = "id, organization_id, email, name, role, is_active, last_login_at, created_at,"
			+ " auth_provider, locale, totp_enabled_at is not null as two_factor";

	static final String ORGANIZATION_COLUMNS = "id, name, subscription_tier, subscription_status, created_at";

	private UserRows() {
	}

	static User user(ResultSet rs, int row) throws SQLException {
		Timestamp lastLogin = rs.getTimestamp("last_login_at");
		return new User(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
				rs.getString("email"), rs.getString("name"), Role.of(rs.getString("role")).orElseThrow(),
				rs.getBoolean("is_active"), lastLogin == null ? null : lastLogin.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getString("auth_provider"), rs.getString("locale"),
				rs.getBoolean("two_factor"));
	}

	static Organization organization(ResultSet rs, int row) throws SQLException {
		return new Organization(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("subscription_tier"),
				rs.getString("subscription_status"), rs.getTimestamp("created_at").toInstant());
	}

}
