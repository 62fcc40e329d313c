package io.assay.identity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated user of the current request, as the security layer resolved it from a
 * login token, a personal API token or the browser's session cookie.
 *
 * @param tokenId the access token the request came with
 * @param locale the language the user chose, else their organisation's, else null (the
 * browser's)
 */
public record CurrentUser(UUID userId, UUID organizationId, String organizationName, String email, String name,
		Role role, UUID tokenId, @Nullable String locale) {

	/**
	 * Whether this user may upload documents and start assessments (project handlers and
	 * administrators).
	 */
	public boolean runsAssessments() {
		return this.role == Role.ADMIN || this.role == Role.PROJECT_HANDLER;
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/**
	 * Whether this user may create and change workflows (process managers and
	 * administrators).
	 */
	public boolean definesWorkflows() {
		return this.role == Role.ADMIN || this.role == Role.PROCESS_MANAGER;
	}

}
