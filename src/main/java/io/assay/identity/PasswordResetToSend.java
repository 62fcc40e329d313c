package io.assay.identity;

import java.util.UUID;

/**
 * Someone asked for a password reset link for an account. Published in the transaction
 * that recorded the request; the link's secret is made only when the email is written
 * ({@link PasswordResets#letter}).
 */
public record PasswordResetToSend(UUID organizationId, UUID resetId) {
}
