package io.assay.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.assay.identity.ApiTokens;
import io.assay.identity.ApiTokens.ApiToken;
import io.assay.identity.ApiTokens.CreatedToken;
import io.assay.identity.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's personal API tokens; every role may have them. */
@RestController
@RequestMapping("/v1/api-tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	record CreateTokenRequest(@NotBlank @Size(max = 255) String name, @Nullable Instant expiresAt) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedToken create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateTokenRequest request) {
		return this.tokens.create(user, request.name(), request.expiresAt());
	}

	@GetMapping
	List<ApiToken> list(@AuthenticationPrincipal CurrentUser user) {
		return this.tokens.list(user);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		this.tokens.delete(user, id);
	}

}
