package io.assay.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person's account in an organisation.
 *
 * @param authProvider how they sign in: {@code local} (a password) or {@code oidc} (the
 * organisation's identity provider)
 * @param locale the language they chose, or null for their organisation's
 * @param twoFactor whether they sign in with a second factor (an authenticator app)
 */
public record User(UUID id, UUID organizationId, String email, String name, Role role, boolean isActive,
		@Nullable Instant lastLoginAt, Instant createdAt, String authProvider, @Nullable String locale,
		boolean twoFactor) {
}
