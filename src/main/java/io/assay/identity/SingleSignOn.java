package io.assay.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.assay.audit.AuditTrail;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.outbound.OutboundRequests;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single sign-on with an organisation's own OpenID Connect provider. An administrator
 * names the provider (its issuer), the client Assay is registered as there, the email
 * domains it serves and the role of people it brings in; Assay reads the provider's
 * discovery document then, through the same checked connections as every request it makes
 * on a user's behalf. At sign-in the person is found by the provider's subject, else by
 * address (and linked), else made then and there.
 */
@Service
public class SingleSignOn {

	private static final Pattern DOMAIN = Pattern
		.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}");

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final IdentitySecrets secrets;

	private final OutboundRequests outbound;

	private final OkHttpClient http;

	private final JsonMapper json;

	private final Seats seats;

	private final Accounts accounts;

	private final KnownAddresses knownAddresses;

	SingleSignOn(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, AuditTrail audit,
			IdentitySecrets secrets, OutboundRequests outbound, JsonMapper json, Seats seats, Accounts accounts,
			KnownAddresses knownAddresses) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.secrets = secrets;
		this.outbound = outbound;
		this.http = outbound.client(Duration.ofSeconds(10));
		this.json = json;
		this.seats = seats;
		this.accounts = accounts;
		this.knownAddresses = knownAddresses;
	}

	/** The organisation's provider as administrators see it: never the client secret. */
	public record Settings(String issuer, String clientId, List<String> emailDomains, Role defaultRole,
			boolean requireSso, Instant updatedAt) {
	}

	/** Why a sign-in through the provider was refused, for the login page to say. */
	public static final class Refused extends RuntimeException {

		private final String reason;

		Refused(String reason, String message) {
			super(message);
			this.reason = reason;
		}

		/**
		 * A short key: {@code domain}, {@code email}, {@code deactivated}, {@code seats}.
		 */
		public String reason() {
			return this.reason;
		}

	}

	public Optional<Settings> find() {
		return this.transactions.execute(tx -> this.db
			.sql("select issuer, client_id, default_role, require_sso, updated_at from organization_sso")
			.query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), domains(),
					Role.of(rs.getString(3)).orElseThrow(), rs.getBoolean(4), rs.getTimestamp(5).toInstant()))
			.optional());
	}

	/**
	 * Sets up (or changes) the organisation's provider after reading its discovery
	 * document; the client secret may be left out to keep the one stored.
	 * @throws InvalidInputException naming every field at fault, or the issuer whose
	 * discovery document could not be read or does not match
	 * @throws ConflictException when a domain is served by another organisation
	 */
	public Settings configure(@Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable List<String> emailDomains, @Nullable String defaultRole, boolean requireSso) {
		TextFields fields = new TextFields();
		String id = fields.required("client_id", clientId, 255);
		String secret = fields.optional("client_secret", clientSecret, 2000);
		Role role = defaultRole == null ? Role.PROJECT_HANDLER : Role.of(defaultRole).orElse(null);
		if (role == null) {
			fields.problem("default_role", Wording.of("field.one-of", Role.allowedValues()));
		}
		List<String> domains = new ArrayList<>();
		if (emailDomains == null || emailDomains.isEmpty()) {
			fields.problem("email_domains", Wording.of("sso.domains-none"));
		}
		else {
			for (String domain : emailDomains) {
				String name = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
				if (name.startsWith("@")) {
					name = name.substring(1);
				}
				if (name.length() > 255 || !DOMAIN.matcher(name).matches()) {
					fields.problem("email_domains", name.isEmpty() ? Wording.of("sso.domains-empty-entry")
							: Wording.of("sso.domains-not-a-domain", clip(name)));
				}
				else if (!domains.contains(name)) {
					domains.add(name);
				}
			}
		}
		fields.check();
		UUID organization = this.tenants.requireOrganizationId();
		boolean stored = find().isPresent();
		if (secret == null && !stored) {
			throw InvalidInputException.of("client_secret", Wording.of("field.must-be-given"));
		}
		Discovered provider = discover(this.outbound.check(issuer, "issuer"));
		for (String domain : domains) {
			Optional<UUID> owner = this.db.sql("select assay_sso_organization(?)")
				.param(domain)
				.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
				.single();
			if (owner.isPresent() && !owner.get().equals(organization)) {
				throw new ConflictException(Wording.of("problem.sso-domain-taken", domain));
			}
		}
		byte[] sealed = secret == null ? null
				: this.secrets.encrypt(secret.getBytes(StandardCharsets.UTF_8), boundTo(organization));
		this.transactions.executeWithoutResult(tx -> {
			// Without a new secret the stored one stays (an insert would need one).
			this.db
				.sql(sealed == null ? """
						update organization_sso set issuer = :issuer, client_id = :clientId,
						       authorization_uri = :authorization, token_uri = :token, jwk_set_uri = :jwks,
						       default_role = :role, require_sso = :require, updated_at = now()
						"""
						: """
								insert into organization_sso (organization_id, issuer, client_id, client_secret, authorization_uri,
								                              token_uri, jwk_set_uri, default_role, require_sso)
								values (:organization, :issuer, :clientId, :secret, :authorization, :token, :jwks, :role, :require)
								on conflict (organization_id) do update set
								    issuer = excluded.issuer, client_id = excluded.client_id, client_secret = excluded.client_secret,
								    authorization_uri = excluded.authorization_uri, token_uri = excluded.token_uri,
								    jwk_set_uri = excluded.jwk_set_uri, default_role = excluded.default_role,
								    require_sso = excluded.require_sso, updated_at = now()
								""")
				.param("organization", organization)
				.param("issuer", provider.issuer())
				.param("clientId", id)
				.param("secret", sealed)
				.param("authorization", provider.authorizationUri())
				.param("token", provider.tokenUri())
				.param("jwks", provider.jwkSetUri())
				.param("role", role.value())
				.param("require", requireSso)
				.update();
			this.db.sql("delete from sso_domains").update();
			for (String domain : domains) {
				try {
					this.db.sql("insert into sso_domains (domain, organization_id) values (?, ?)")
						.params(domain, organization)
						.update();
				}
				catch (DuplicateKeyException ex) {
					throw new ConflictException(Wording.of("problem.sso-domain-taken", domain));
				}
			}
			this.audit.record("sso_configured", "organization", organization,
					Map.of("issuer", provider.issuer(), "client_id", id, "email_domains", domains, "default_role",
							role.value(), "require_sso", requireSso, "client_secret",
							secret == null ? "kept" : "changed"));
		});
		return find().orElseThrow();
	}

	/** Removes the organisation's provider: its people sign in with passwords again. */
	public void remove() {
		this.transactions.executeWithoutResult(tx -> {
			if (this.db.sql("delete from organization_sso").update() == 0) {
				throw new NotFoundException("Single sign-on");
			}
			this.audit.record("sso_removed", "organization", this.tenants.requireOrganizationId(), Map.of());
		});
	}

	/** The organisation whose provider serves an address's domain, if any. */
	public Optional<UUID> organizationFor(String email) {
		String address = email.strip().toLowerCase(Locale.ROOT);
		int at = address.lastIndexOf('@');
		if (at < 1 || at == address.length() - 1 || address.length() > 255 || address.indexOf('\0') >= 0) {
			return Optional.empty();
		}
		return this.db.sql("select assay_sso_organization(?)")
			.param(address.substring(at + 1))
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	/**
	 * The client registration of an organisation's provider, for Spring's OAuth2 login.
	 */
	Optional<ClientRegistration> registration(UUID organization) {
		return this.tenants.callAs(organization, null, () -> this.transactions.execute(tx -> this.db.sql("""
				select issuer, client_id, client_secret, authorization_uri, token_uri, jwk_set_uri from organization_sso
				""")
			.query((rs, n) -> ClientRegistration.withRegistrationId(organization.toString())
				.clientId(rs.getString("client_id"))
				.clientSecret(new String(this.secrets.decrypt(rs.getBytes("client_secret"), boundTo(organization)),
						StandardCharsets.UTF_8))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope("openid", "email", "profile")
				.authorizationUri(rs.getString("authorization_uri"))
				.tokenUri(rs.getString("token_uri"))
				.jwkSetUri(rs.getString("jwk_set_uri"))
				.issuerUri(rs.getString("issuer"))
				.userNameAttributeName("sub")
				.clientName("Single sign-on")
				.build())
			.optional()));
	}

	/**
	 * Signs in the person the organisation's provider vouched for: found by subject, else
	 * by address (and linked to the subject), else made with the provider's default role.
	 * @throws Refused when the address is not one of the organisation's domains or not
	 * verified, the person is deactivated, or no seat is left for a new one
	 */
	Accounts.AccessGrant signIn(UUID organization, String subject, @Nullable String email,
			@Nullable Boolean emailVerified, @Nullable String name) {
		if (email == null || email.isBlank() || Boolean.FALSE.equals(emailVerified)) {
			throw new Refused("email", "Your identity provider did not vouch for an email address.");
		}
		String address = email.strip();
		return this.tenants.callAs(organization, null, () -> this.transactions.execute(tx -> {
			String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
			if (!domains().contains(domain)) {
				throw new Refused("domain", "Your identity provider signed you in as " + address
						+ ", whose domain is not one it serves for this organisation.");
			}
			User user = this.db
				.sql("select " + UserRows.USER_COLUMNS
						+ " from users where auth_provider = 'oidc' and auth_provider_id = ?")
				.param(subject)
				.query(UserRows::user)
				.optional()
				.orElse(null);
			Map<String, Object> via = Map.of("email", address, "via", "sso");
			if (user == null) {
				user = this.db
					.sql("select " + UserRows.USER_COLUMNS + " from users where lower(email) = lower(?)"
							+ " and (auth_provider_id is null or auth_provider_id = ?) for update")
					.params(address, subject)
					.query(UserRows::user)
					.optional()
					.map(found -> this.db
						.sql("update users set auth_provider = 'oidc', auth_provider_id = ?, updated_at = now()"
								+ " where id = ? returning " + UserRows.USER_COLUMNS)
						.params(subject, found.id())
						.query(UserRows::user)
						.single())
					.orElse(null);
			}
			if (user == null) {
				user = createdJustInTime(organization, subject, address, name);
			}
			if (!user.isActive()) {
				throw new Refused("deactivated", "Your account in this organisation is deactivated.");
			}
			this.db.sql("update users set last_login_at = now() where id = ?").param(user.id()).update();
			User signedIn = user;
			this.tenants.callAs(organization, signedIn.id(), () -> {
				this.audit.record("login_succeeded", "user", signedIn.id(), via);
				return null;
			});
			return this.accounts.startSession(user);
		}));
	}

	/** Whether the organisation refuses passwords (its administrators keep theirs). */
	boolean requiredFor(UUID organization) {
		return Boolean.TRUE
			.equals(this.db.sql("select assay_sso_required(?)").param(organization).query(Boolean.class).single());
	}

	private User createdJustInTime(UUID organization, String subject, String address, @Nullable String name) {
		Role role = this.db.sql("select default_role from organization_sso")
			.query(String.class)
			.optional()
			.flatMap(Role::of)
			.orElse(Role.PROJECT_HANDLER);
		try {
			this.seats.requireOneFree(null);
		}
		catch (ConflictException ex) {
			throw new Refused("seats", ex.getMessage());
		}
		String fullName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@'))
				: clip(name.strip());
		User user = this.db
			.sql("insert into users (organization_id, email, name, role, auth_provider, auth_provider_id)"
					+ " values (?, ?, ?, ?, 'oidc', ?) returning " + UserRows.USER_COLUMNS)
			.params(organization, address, fullName, role.value(), subject)
			.query(UserRows::user)
			.single();
		this.tenants.callAs(organization, user.id(), () -> {
			this.audit.record("user_created", "user", user.id(),
					Map.of("email", address, "role", role.value(), "via", "sso"));
			return null;
		});
		this.knownAddresses.accountCreated(address, user.id(), organization);
		return user;
	}

	private List<String> domains() {
		return this.db.sql("select domain from sso_domains order by domain").query(String.class).list();
	}

	/** The endpoints of a provider, from its discovery document. */
	private record Discovered(String issuer, String authorizationUri, String tokenUri, String jwkSetUri) {
	}

	private Discovered discover(URI issuer) {
		String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
				: issuer.toString();
		Request request = new Request.Builder().url(base + "/.well-known/openid-configuration")
			.header("Accept", "application/json")
			.build();
		JsonNode document;
		try (Response response = this.http.newCall(request).execute()) {
			if (!response.isSuccessful() || response.body() == null) {
				throw InvalidInputException.of("issuer",
						Wording.of("sso.no-discovery", base + "/.well-known/openid-configuration", response.code()));
			}
			document = this.json.readTree(response.body().string());
		}
		catch (IOException ex) {
			throw InvalidInputException.of("issuer", Wording.of("sso.unreachable", OutboundRequests.reason(ex)));
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw InvalidInputException.of("issuer", Wording.of("sso.discovery-not-json"));
		}
		String named = document.path("issuer").asString("");
		if (!named.equals(base) && !named.equals(base + "/")) {
			throw InvalidInputException.of("issuer", Wording.of("sso.names-itself", clip(named)));
		}
		return new Discovered(named, endpoint(document, "authorization_endpoint"), endpoint(document, "token_endpoint"),
				endpoint(document, "jwks_uri"));
	}

	private String endpoint(JsonNode document, String name) {
		String value = document.path(name).asString("");
		if (value.isEmpty()) {
			throw InvalidInputException.of("issuer", Wording.of("sso.no-endpoint", name));
		}
		return this.outbound.check(value, "issuer").toString();
	}

	private static String clip(String text) {
		return text.length() > 100 ? text.substring(0, 100) + "…" : text;
	}

	private static String boundTo(UUID organization) {
		return "sso:" + organization;
	}

}
