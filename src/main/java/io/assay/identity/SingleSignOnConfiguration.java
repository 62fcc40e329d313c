package io.assay.identity;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.assay.platform.outbound.CheckedRequestFactory;
import io.assay.platform.outbound.OutboundRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * What Spring Security's OpenID Connect login needs, shaped to Assay: a provider per
 * organisation (its registration id is the organisation's id), requests kept in an
 * encrypted cookie instead of a server session, and every call to a provider (token,
 * keys) made through the checked outbound connections.
 */
@Configuration(proxyBeanMethods = false)
class SingleSignOnConfiguration {

	@Bean
	ClientRegistrationRepository ssoRegistrations(SingleSignOn singleSignOn) {
		return registrationId -> {
			try {
				return singleSignOn.registration(UUID.fromString(registrationId)).orElse(null);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		};
	}

	@Bean
	EncryptedAuthorizationRequests ssoAuthorizationRequests(IdentitySecrets secrets) {
		return new EncryptedAuthorizationRequests(secrets);
	}

	@Bean
	CheckedRequestFactory ssoHttp(OutboundRequests outbound) {
		return new CheckedRequestFactory(outbound.client(Duration.ofSeconds(10)));
	}

	@Bean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> ssoTokens(CheckedRequestFactory http) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(RestClient.builder().requestFactory(http).messageConverters(converters -> {
			converters.clear();
			converters.add(new FormHttpMessageConverter());
			converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		return client;
	}

	/**
	 * Checks ID tokens against the provider's keys (fetched through the checked client,
	 * kept per provider), issuer, audience, nonce and time, as OpenID Connect Core asks.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> ssoIdTokens(CheckedRequestFactory http) {
		RestTemplate keys = new RestTemplate(http);
		Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
		return registration -> decoders.computeIfAbsent(
				String.join(" ", registration.getRegistrationId(), registration.getProviderDetails().getIssuerUri(),
						registration.getClientId(), registration.getProviderDetails().getJwkSetUri()),
				key -> {
					NimbusJwtDecoder decoder = NimbusJwtDecoder
						.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
						.jwsAlgorithm(SignatureAlgorithm.RS256)
						.jwsAlgorithm(SignatureAlgorithm.ES256)
						.restOperations(keys)
						.build();
					decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
							new OidcIdTokenValidator(registration)));
					decoder.setClaimSetConverter(
							new ClaimTypeConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
					return decoder;
				});
	}

	/** The person is who the ID token says; the user-info endpoint is not asked. */
	@Bean
	OidcUserService ssoPeople() {
		OidcUserService people = new OidcUserService();
		people.setRetrieveUserInfo(request -> false);
		return people;
	}

}
