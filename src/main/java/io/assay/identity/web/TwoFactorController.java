package io.assay.identity.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.identity.CurrentUser;
import io.assay.identity.TwoFactors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's second factor (a TOTP authenticator app and recovery codes), and an
 * administrator's clearing of someone else's.
 */
@RestController
class TwoFactorController {

	private final TwoFactors twoFactors;

	TwoFactorController(TwoFactors twoFactors) {
		this.twoFactors = twoFactors;
	}

	record CodeRequest(@Nullable String code) {
	}

	record PasswordRequest(@Nullable String password) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	@GetMapping("/v1/me/two-factor")
	TwoFactors.Status status(@AuthenticationPrincipal CurrentUser user) {
		return this.twoFactors.status(user);
	}

	/**
	 * Proposes a secret for an authenticator app; confirm it with a code from the app.
	 */
	@PostMapping("/v1/me/two-factor")
	Map<String, String> start(@AuthenticationPrincipal CurrentUser user) {
		TwoFactors.Enrolment enrolment = this.twoFactors.startEnrolment(user);
		return Map.of("secret", enrolment.secret(), "otpauth_uri", enrolment.uri());
	}

	@PostMapping("/v1/me/two-factor/confirm")
	RecoveryCodes confirm(@AuthenticationPrincipal CurrentUser user, @RequestBody CodeRequest request) {
		return new RecoveryCodes(this.twoFactors.confirmEnrolment(user, request.code() == null ? "" : request.code()));
	}

	@PostMapping("/v1/me/two-factor/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disable(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordRequest request) {
		this.twoFactors.disable(user, request.password() == null ? "" : request.password());
	}

	@PostMapping("/v1/me/two-factor/recovery-codes")
	RecoveryCodes renew(@AuthenticationPrincipal CurrentUser user) {
		return new RecoveryCodes(this.twoFactors.renewRecoveryCodes(user));
	}

	/** Clears a person's second factor (a lost phone and lost recovery codes). */
	@DeleteMapping("/v1/users/{id}/two-factor")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clear(@PathVariable UUID id) {
		this.twoFactors.clearFor(id);
	}

}
