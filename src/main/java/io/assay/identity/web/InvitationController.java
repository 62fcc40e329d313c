package io.assay.identity.web;

import java.util.List;
import java.util.UUID;

import io.assay.identity.Accounts.AccessGrant;
import io.assay.identity.Invitations;
import io.assay.identity.Invitations.Invitation;
import io.assay.identity.Role;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Invitations to join the organisation, for its administrators; accepting one is open to
 * whoever holds its link.
 */
@RestController
class InvitationController {

	private final Invitations invitations;

	InvitationController(Invitations invitations) {
		this.invitations = invitations;
	}

	record InviteRequest(@Nullable String email, @Nullable String role) {
	}

	/**
	 * An invitation as answered: {@code accept_url} only when this server cannot send
	 * email, for the administrator to pass on (it is not shown again).
	 */
	record InvitationResponse(UUID id, String email, Role role, String state, @Nullable String invitedBy, int sentCount,
			java.time.@Nullable Instant lastSentAt, java.time.@Nullable Instant expiresAt, java.time.Instant createdAt,
			boolean emailed, @Nullable String acceptUrl) {

		static InvitationResponse of(Invitations.Sent sent) {
			Invitation invitation = sent.invitation();
			return new InvitationResponse(invitation.id(), invitation.email(), invitation.role(), invitation.state(),
					invitation.invitedBy(), invitation.sentCount(), invitation.lastSentAt(), invitation.expiresAt(),
					invitation.createdAt(), sent.linkSecret() == null,
					sent.linkSecret() == null ? null : InvitationController.acceptUrl(sent.linkSecret()));
		}

	}

	record AcceptRequest(@Nullable String token, @Nullable String name, @Nullable String password) {
	}

	@GetMapping("/v1/invitations")
	@PreAuthorize("hasRole('ADMIN')")
	List<Invitation> list() {
		return this.invitations.open();
	}

	@PostMapping("/v1/invitations")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.CREATED)
	InvitationResponse invite(@RequestBody InviteRequest request) {
		return InvitationResponse
			.of(this.invitations.invite(request.email() == null ? "" : request.email(), role(request.role())));
	}

	@PostMapping("/v1/invitations/{id}/resend")
	@PreAuthorize("hasRole('ADMIN')")
	InvitationResponse resend(@PathVariable UUID id) {
		return InvitationResponse.of(this.invitations.resend(id));
	}

	@DeleteMapping("/v1/invitations/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id) {
		this.invitations.revoke(id);
	}

	/** Accepts an invitation with its link's token; answers a session like a login. */
	@PostMapping("/v1/invitations/accept")
	AccessGrant accept(@RequestBody AcceptRequest request) {
		return this.invitations.accept(request.token() == null ? "" : request.token(),
				request.name() == null ? "" : request.name(), request.password() == null ? "" : request.password());
	}

	static Role role(@Nullable String value) {
		if (value == null) {
			throw InvalidInputException.of("role", Wording.of("field.given-one-of", Role.allowedValues()));
		}
		return Role.of(value)
			.orElseThrow(() -> InvalidInputException.of("role", Wording.of("field.one-of", Role.allowedValues())));
	}

	static String acceptUrl(String secret) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/invitations/{secret}")
			.buildAndExpand(secret)
			.toUriString();
	}

}
