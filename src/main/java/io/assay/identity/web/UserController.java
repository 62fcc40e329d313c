package io.assay.identity.web;

import java.util.UUID;

import io.assay.identity.CurrentUser;
import io.assay.identity.Role;
import io.assay.identity.User;
import io.assay.identity.UserAdministration;
import io.assay.identity.UserAdministration.CreatedUser;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.platform.Wording;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User management, for the organisation's administrators. */
@RestController
@RequestMapping("/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UserController {

	private final UserAdministration users;

	UserController(UserAdministration users) {
		this.users = users;
	}

	record CreateUserRequest(@NotBlank @Email @Size(max = 255) String email, @NotBlank @Size(max = 255) String name,
			@NotBlank String role, @Nullable @Size(min = 12, max = 256) String password) {
	}

	record CreatedUserResponse(User user, @Nullable String temporaryPassword) {
	}

	record UpdateUserRequest(@Nullable String role, @Nullable @Size(min = 1, max = 255) String name,
			@Nullable Boolean isActive) {
	}

	@GetMapping
	Page<User> list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String sort) {
		return this.users.list(PageRequest.of(page, limit, sort, UserAdministration.SORTABLE, "created_at"));
	}

	@GetMapping("/{id}")
	User find(@PathVariable UUID id) {
		return this.users.find(id);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedUserResponse create(@AuthenticationPrincipal CurrentUser admin,
			@Valid @RequestBody CreateUserRequest request) {
		CreatedUser created = this.users.create(admin.organizationId(), request.email(), request.name(),
				role(request.role()), request.password());
		return new CreatedUserResponse(created.user(), created.temporaryPassword());
	}

	/**
	 * Changes a user's role or name, or deactivates ({@code is_active: false}: their
	 * sessions and tokens stop at once) or reactivates them.
	 */
	@PatchMapping("/{id}")
	User update(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id,
			@Valid @RequestBody UpdateUserRequest request) {
		if (request.name() != null && request.name().isBlank()) {
			throw InvalidInputException.of("name", Wording.of("field.must-not-be-empty"));
		}
		Role role = request.role() == null ? null : role(request.role());
		User user = role != null || request.name() != null ? this.users.update(id, role, request.name())
				: this.users.find(id);
		if (request.isActive() != null) {
			user = this.users.setActive(id, request.isActive(), admin.userId());
		}
		return user;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
		this.users.delete(id, admin.userId());
	}

	private static Role role(String value) {
		return Role.of(value)
			.orElseThrow(() -> InvalidInputException.of("role", Wording.of("field.one-of", Role.allowedValues())));
	}

}
