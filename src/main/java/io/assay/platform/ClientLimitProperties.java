package io.assay.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limits: so many requests of a kind from one network address in a window.
 *
 * @param login failed logins
 * @param signup sign-ups
 * @param shareView views of shared reports
 * @param passwordReset requests for a password reset link
 */
@ConfigurationProperties("assay.limits")
record ClientLimitProperties(@DefaultValue Login login, @DefaultValue Signup signup, @DefaultValue ShareView shareView,
		@DefaultValue PasswordReset passwordReset) {

	interface Limit {

		int max();

		Duration window();

	}

	record Login(@DefaultValue("20") int max, @DefaultValue("15m") Duration window) implements Limit {
	}

	record Signup(@DefaultValue("5") int max, @DefaultValue("1h") Duration window) implements Limit {
	}

	record ShareView(@DefaultValue("120") int max, @DefaultValue("1m") Duration window) implements Limit {
	}

	record PasswordReset(@DefaultValue("10") int max, @DefaultValue("1h") Duration window) implements Limit {
	}

	Limit of(ClientLimits.Action action) {
		return switch (action) {
			case LOGIN -> this.login;
			case SIGNUP -> this.signup;
			case SHARE_VIEW -> this.shareView;
			case PASSWORD_RESET -> this.passwordReset;
		};
	}

}
