package io.assay.identity.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.assay.identity.Accounts;
import io.assay.identity.Accounts.AccessGrant;
import io.assay.identity.Accounts.OrganizationOverview;
import io.assay.identity.Accounts.SignedUp;
import io.assay.identity.CurrentUser;
import io.assay.identity.Organization;
import io.assay.identity.OrganizationSettings;
import io.assay.identity.OwnAccount;
import io.assay.identity.PasswordResets;
import io.assay.identity.User;
import io.assay.platform.Intervals;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, login and the signed-in user's own account and organisation. */
@RestController
class AccountController {

	private final Accounts accounts;

	private final OwnAccount ownAccount;

	private final PasswordResets resets;

	private final OrganizationSettings settings;

	private final MessageSource messages;

	AccountController(Accounts accounts, OwnAccount ownAccount, PasswordResets resets, OrganizationSettings settings,
			MessageSource messages) {
		this.messages = messages;
		this.settings = settings;
		this.accounts = accounts;
		this.ownAccount = ownAccount;
		this.resets = resets;
	}

	record SignupRequest(@NotBlank @Size(max = 255) String organizationName,
			@NotBlank @Email @Size(max = 255) String email, @NotNull @Size(min = 12, max = 256) String password,
			@NotBlank @Size(max = 255) String name) {
	}

	record SignupResponse(Organization organization, User user, String accessToken, String tokenType, long expiresIn) {
	}

	record LoginRequest(@NotBlank @Size(max = 255) String email, @NotBlank String password,
			@Nullable UUID organizationId) {
	}

	record MeResponse(User user, Organization organization) {
	}

	@PostMapping("/v1/signup")
	@ResponseStatus(HttpStatus.CREATED)
	SignupResponse signup(@Valid @RequestBody SignupRequest request) {
		SignedUp signedUp = this.accounts.signup(request.organizationName(), request.email(), request.password(),
				request.name());
		AccessGrant grant = signedUp.grant();
		return new SignupResponse(signedUp.organization(), signedUp.user(), grant.accessToken(), grant.tokenType(),
				grant.expiresIn());
	}

	/**
	 * Starts a session; when the password opens accounts in several organisations and
	 * none is named, a 409 lists them to choose from ({@code organization_id}).
	 */
	@PostMapping("/v1/auth/login")
	ResponseEntity<?> login(@Valid @RequestBody LoginRequest request, Locale locale) {
		try {
			return ResponseEntity
				.ok(this.accounts.login(request.email(), request.password(), request.organizationId()));
		}
		catch (Accounts.SecondFactorRequired ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					ex.message(this.messages, locale));
			problem.setType(java.net.URI.create("urn:assay:problem:second-factor-required"));
			problem.setTitle("Second factor required");
			problem.setProperty("challenge", ex.challenge());
			if (ex.enrolment() != null) {
				problem.setProperty("enrolment",
						Map.of("secret", ex.enrolment().secret(), "otpauth_uri", ex.enrolment().uri()));
			}
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		catch (Accounts.OrganizationChoiceRequired ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					ex.message(this.messages, locale));
			problem.setType(java.net.URI.create("urn:assay:problem:organization-choice"));
			problem.setTitle("Choose an organisation");
			problem.setProperty("organizations",
					ex.organizations()
						.stream()
						.map(organization -> Map.of("id", organization.id(), "name", organization.name()))
						.toList());
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
	}

	record SecondFactorRequest(@Nullable String challenge, @Nullable String code) {
	}

	record SecondFactorResponse(String accessToken, String tokenType, long expiresIn, List<String> recoveryCodes) {
	}

	/**
	 * Completes a login whose password was right with the code of its second factor (or a
	 * recovery code); {@code recovery_codes} are those of a factor set up just now.
	 */
	@PostMapping("/v1/auth/login/second-factor")
	SecondFactorResponse secondFactor(@RequestBody SecondFactorRequest request) {
		Accounts.SecondFactorPassed passed = this.accounts.completeSecondFactor(orEmpty(request.challenge()),
				orEmpty(request.code()));
		AccessGrant grant = passed.grant();
		return new SecondFactorResponse(grant.accessToken(), grant.tokenType(), grant.expiresIn(),
				passed.recoveryCodes());
	}

	@PostMapping("/v1/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@AuthenticationPrincipal CurrentUser user) {
		this.accounts.logout(user);
	}

	@GetMapping("/v1/me")
	MeResponse me(@AuthenticationPrincipal CurrentUser user) {
		return new MeResponse(this.accounts.me(user), this.accounts.organization().organization());
	}

	record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
	}

	record LanguageChange(@Nullable String language) {
	}

	record ResetRequest(@Nullable String email) {
	}

	record ResetCompletion(@Nullable String token, @Nullable String password) {
	}

	/** Changes the caller's password; their other sessions end. */
	@PostMapping("/v1/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordChange change) {
		this.ownAccount.changePassword(user, orEmpty(change.currentPassword()), orEmpty(change.newPassword()));
	}

	/** Sets the language the caller reads Assay in ({@code null}: the organisation's). */
	@PutMapping("/v1/me/language")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changeLanguage(@AuthenticationPrincipal CurrentUser user, @RequestBody LanguageChange change) {
		this.ownAccount.changeLanguage(user, change.language());
	}

	@GetMapping("/v1/me/sessions")
	List<OwnAccount.Session> sessions(@AuthenticationPrincipal CurrentUser user) {
		return this.ownAccount.sessions(user);
	}

	@DeleteMapping("/v1/me/sessions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void endSession(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		this.ownAccount.endSession(user, id);
	}

	/** Ends every session of the caller but the one this request came with. */
	@DeleteMapping("/v1/me/sessions")
	Map<String, Integer> endOtherSessions(@AuthenticationPrincipal CurrentUser user) {
		return Map.of("ended", this.ownAccount.endOtherSessions(user));
	}

	/**
	 * Asks for a password reset link by email. The answer is the same whether or not the
	 * address has an account.
	 */
	@PostMapping("/v1/auth/password-reset")
	ResponseEntity<Map<String, String>> requestReset(@RequestBody ResetRequest request, Locale locale) {
		this.resets.request(orEmpty(request.email()));
		return ResponseEntity.accepted()
			.body(Map.of("detail", Wording.of("password-reset.requested", Intervals.wording(this.resets.linkLifetime()))
				.in(this.messages, locale)));
	}

	/**
	 * Sets a new password with a reset link's token; every session of the account ends.
	 */
	@PostMapping("/v1/auth/password-reset/complete")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void completeReset(@RequestBody ResetCompletion completion) {
		this.resets.complete(orEmpty(completion.token()), orEmpty(completion.password()));
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

	record SettingsChange(@Nullable String name, @Nullable String defaultLanguage, @Nullable Boolean requireTwoFactor,
			@Nullable Integer documentRetentionDays, @Nullable Integer resultsArchiveAfterDays) {
	}

	@GetMapping("/v1/organizations/me/settings")
	OrganizationSettings.Settings settings() {
		return this.settings.get();
	}

	/**
	 * Changes the organisation's name, default language ({@code ""}: each browser's),
	 * whether everyone must sign in with two factors, or how many days documents keep
	 * their content ({@code 0}: for ever), or how many days after a run ended its results
	 * are archived ({@code 0}: never); what is left out stays.
	 */
	@PatchMapping("/v1/organizations/me/settings")
	@PreAuthorize("hasRole('ADMIN')")
	OrganizationSettings.Settings changeSettings(@RequestBody SettingsChange change) {
		return this.settings.change(change.name(), change.defaultLanguage(), change.requireTwoFactor(),
				change.documentRetentionDays(), change.resultsArchiveAfterDays());
	}

	@GetMapping("/v1/organizations/me")
	OrganizationOverview organization() {
		return this.accounts.organization();
	}

}
