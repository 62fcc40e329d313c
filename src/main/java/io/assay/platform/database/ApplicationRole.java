package io.assay.platform.database;

import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes sure the login role Assay works as exists, is a member of
 * {@code assay_application} (the privileges granted by the migrations) and cannot get
 * around row-level security. Runs as the owner, after the migrations.
 */
final class ApplicationRole {

	private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final JdbcClient owner;

	ApplicationRole(JdbcClient owner) {
		this.owner = owner;
	}

	/**
	 * Creates the role, or sets its password, and grants it the application's privileges.
	 */
	void provision(String role, String password) {
		requireValidName(role);
		boolean exists = this.owner.sql("select exists (select from pg_roles where rolname = ?)")
			.param(role)
			.query(Boolean.class)
			.single();
		// Role names and passwords cannot be bind parameters in DDL; format() quotes
		// them.
		String statement = this.owner.sql(exists ? "select format('alter role %I with login password %L', ?, ?)"
				: "select format('create role %I with login password %L nosuperuser nobypassrls nocreatedb nocreaterole inherit', ?, ?)")
			.param(role)
			.param(password)
			.query(String.class)
			.single();
		this.owner.sql(statement).update();
		grantMembership(role);
	}

	/** Grants an existing role, created by a database administrator, the privileges. */
	void grantMembership(String role) {
		requireValidName(role);
		String grant = this.owner.sql("select format('grant assay_application to %I', ?)")
			.param(role)
			.query(String.class)
			.single();
		this.owner.sql(grant).update();
	}

	/**
	 * Refuses to start when the role could see every organisation's data: a superuser, a
	 * role with BYPASSRLS, or the owner of a table (owners are exempt from policies).
	 */
	void requireSubjectToRowLevelSecurity(String role) {
		var flags = this.owner.sql("select rolsuper, rolbypassrls from pg_roles where rolname = ?")
			.param(role)
			.query((rs, n) -> new boolean[] { rs.getBoolean(1), rs.getBoolean(2) })
			.optional()
			.orElseThrow(() -> new IllegalStateException("The database role '" + role + "' does not exist"));
		if (flags[0] || flags[1]) {
			throw new IllegalStateException("The database role '" + role
					+ "' is a superuser or has BYPASSRLS, so row-level security would not isolate organisations. "
					+ "Give Assay a role without them (ASSAY_DATABASE_APP_USER).");
		}
		int owned = this.owner.sql("""
				select count(*) from pg_class c join pg_roles r on r.oid = c.relowner
				 where r.rolname = ? and c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
				""").param(role).query(Integer.class).single();
		if (owned > 0) {
			throw new IllegalStateException("The database role '" + role + "' owns " + owned
					+ " table(s), and owners are exempt from row-level security. "
					+ "Let the owner role (ASSAY_DATABASE_OWNER_USER) own the tables and give Assay another role.");
		}
	}

	private static void requireValidName(String role) {
		if (!ROLE_NAME.matcher(role).matches()) {
			throw new IllegalArgumentException("Not a valid PostgreSQL role name for Assay: '" + role
					+ "' (lower-case letters, digits and _, at most 63 characters)");
		}
	}

}
