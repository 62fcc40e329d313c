package io.assay.identity.web;

import java.util.Map;
import java.util.UUID;

import io.assay.identity.Accounts;
import io.assay.identity.Accounts.AccessGrant;
import io.assay.identity.Accounts.OrganizationOverview;
import io.assay.identity.Accounts.SignedUp;
import io.assay.identity.CurrentUser;
import io.assay.identity.Organization;
import io.assay.identity.User;
import org.jspecify.annotations.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, login and the signed-in user's own account and organisation. */
@RestController
class AccountController {

	private final Accounts accounts;

	AccountController(Accounts accounts) {
		this.accounts = accounts;
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
	ResponseEntity<?> login(@Valid @RequestBody LoginRequest request) {
		try {
			return ResponseEntity
				.ok(this.accounts.login(request.email(), request.password(), request.organizationId()));
		}
		catch (Accounts.OrganizationChoiceRequired ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
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

	@PostMapping("/v1/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@AuthenticationPrincipal CurrentUser user) {
		this.accounts.logout(user);
	}

	@GetMapping("/v1/me")
	MeResponse me(@AuthenticationPrincipal CurrentUser user) {
		return new MeResponse(this.accounts.me(user), this.accounts.organization().organization());
	}

	@GetMapping("/v1/organizations/me")
	OrganizationOverview organization() {
		return this.accounts.organization();
	}

}
