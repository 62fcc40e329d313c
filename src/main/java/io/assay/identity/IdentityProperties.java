package io.assay.identity;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and login settings.
 *
 * @param signupEnabled whether anyone may create an organisation
 * ({@code POST /v1/signup})
 * @param sessionTtl how long a login token (and the browser session) lasts
 * @param loginMaxFailures failed logins for one email address before it is locked
 * @param loginFailureWindow the window in which failures are counted
 * @param loginLockDuration how long a locked address must wait
 * @param invitationTtl how long an invitation's link works after it was sent
 * @param passwordResetTtl how long a password reset link works after it was sent
 * @param key the identity secrets key (base64 of 32 bytes; the same on every copy), which
 * encrypts TOTP secrets and identity providers' client secrets
 * @param keyFile where the key is kept (made at the first start) when none is configured
 */
@ConfigurationProperties("assay.identity")
record IdentityProperties(@DefaultValue("true") boolean signupEnabled, @DefaultValue("12h") Duration sessionTtl,
		@DefaultValue("5") int loginMaxFailures, @DefaultValue("15m") Duration loginFailureWindow,
		@DefaultValue("15m") Duration loginLockDuration, @DefaultValue("7d") Duration invitationTtl,
		@DefaultValue("1h") Duration passwordResetTtl, @Nullable String key,
		@DefaultValue("./data/keys/identity.key") Path keyFile) {
}
