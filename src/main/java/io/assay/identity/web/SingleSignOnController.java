package io.assay.identity.web;

import java.util.List;

import io.assay.identity.SingleSignOn;
import io.assay.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's OpenID Connect provider, for its administrators. The client secret
 * is written, never answered back.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class SingleSignOnController {

	private final SingleSignOn singleSignOn;

	SingleSignOnController(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	/**
	 * Left out: {@code client_secret} keeps the stored one, {@code require_sso} is false.
	 */
	record SsoRequest(@Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable List<String> emailDomains, @Nullable String defaultRole, @Nullable Boolean requireSso) {
	}

	@GetMapping("/v1/organization/sso")
	SingleSignOn.Settings find() {
		return this.singleSignOn.find().orElseThrow(() -> new NotFoundException("Single sign-on"));
	}

	@PutMapping("/v1/organization/sso")
	SingleSignOn.Settings configure(@RequestBody SsoRequest request) {
		return this.singleSignOn.configure(request.issuer(), request.clientId(), request.clientSecret(),
				request.emailDomains(), request.defaultRole(), Boolean.TRUE.equals(request.requireSso()));
	}

	@DeleteMapping("/v1/organization/sso")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove() {
		this.singleSignOn.remove();
	}

}
