package io.assay.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.billing.TierLimits;
import io.assay.billing.Usage;
import io.assay.platform.ClientLimits;
import io.assay.platform.ForbiddenException;
import io.assay.platform.Intervals;
import io.assay.platform.NotFoundException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.RequestOrigin;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.UnauthenticatedException;
import io.assay.platform.Wording;
import io.assay.platform.WordedException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up, login and logout, and what a signed-in user may read about themselves and
 * their organisation.
 *
 * <p>
 * Before login no organisation is bound, so each step here binds the organisation it has
 * just learnt before opening the transaction that writes for it.
 */
@Service
public class Accounts {

	/** The one answer to a failed login, whether the address has an account or not. */
	static final Wording BAD_CREDENTIALS = Wording.of("problem.bad-credentials");

	private static final Wording CHALLENGE_OVER = Wording.of("problem.sign-in-expired");

	private static final int MAX_SECOND_FACTOR_TRIES = 5;

	/**
	 * The answer to a right password in an organisation that signs in through its
	 * provider.
	 */
	private static final Wording SSO_REQUIRED = Wording.of("problem.sso-required");

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Passwords passwords;

	private final AccessTokens tokens;

	private final LoginThrottle throttle;

	private final Usage usage;

	private final IdentityProperties properties;

	private final ClientLimits limits;

	private final KnownAddresses knownAddresses;

	private final RequestOrigin origin;

	private final TwoFactors twoFactors;

	Accounts(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, AuditTrail audit,
			Passwords passwords, AccessTokens tokens, LoginThrottle throttle, Usage usage,
			IdentityProperties properties, ClientLimits limits, KnownAddresses knownAddresses, RequestOrigin origin,
			TwoFactors twoFactors) {
		this.twoFactors = twoFactors;
		this.origin = origin;
		this.limits = limits;
		this.knownAddresses = knownAddresses;
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.passwords = passwords;
		this.tokens = tokens;
		this.throttle = throttle;
		this.usage = usage;
		this.properties = properties;
	}

	/** A new organisation with its first user, signed in. */
	public record SignedUp(Organization organization, User user, AccessGrant grant) {
	}

	/** A login token and how long it lasts. */
	public record AccessGrant(String accessToken, String tokenType, long expiresIn) {
	}

	/** The organisation with its usage this month and the limits of its tier. */
	public record OrganizationOverview(Organization organization, Usage.MonthlyUsage usage, long users,
			TierLimits limits) {
	}

	public boolean signupEnabled() {
		return this.properties.signupEnabled();
	}

	public Duration sessionTtl() {
		return this.properties.sessionTtl();
	}

	/**
	 * Creates an organisation on the trial tier with this person as its administrator.
	 * The answer does not depend on whether the address has accounts elsewhere.
	 */
	public SignedUp signup(String organizationName, String email, String password, String name) {
		if (!this.properties.signupEnabled()) {
			throw new ForbiddenException(Wording.of("problem.signup-off"));
		}
		this.limits.take(ClientLimits.Action.SIGNUP);
		TextFields fields = new TextFields();
		String organizationNamed = fields.required("organization_name", organizationName, 255);
		String personNamed = fields.required("name", name, 255);
		String address = fields.emailAddress("email", email);
		fields.check();
		Passwords.requireAcceptable("password", password, address);
		String hash = this.passwords.hash(password);
		UUID organizationId = UUID.randomUUID();
		UUID userId = UUID.randomUUID();
		return this.tenants.callAs(organizationId, userId, () -> this.transactions.execute(tx -> {
			Organization organization = this.db
				.sql("insert into organizations (id, name) values (?, ?) returning " + UserRows.ORGANIZATION_COLUMNS)
				.params(organizationId, organizationNamed)
				.query(UserRows::organization)
				.single();
			// An address may already have accounts in other organisations; the answer is
			// the same either way, so a sign-up tells nobody whether it does.
			User user = this.db
				.sql("insert into users (id, organization_id, email, name, role, password_hash)"
						+ " values (?, ?, ?, ?, 'admin', ?) returning " + UserRows.USER_COLUMNS)
				.params(userId, organizationId, address, personNamed, hash)
				.query(UserRows::user)
				.single();
			this.audit.record("organization_created", "organization", organizationId,
					Map.of("name", organization.name(), "subscription_tier", organization.subscriptionTier()));
			this.audit.record("user_created", "user", userId,
					Map.of("email", user.email(), "role", user.role().value(), "via", "signup"));
			this.knownAddresses.accountCreated(user.email(), userId, organizationId);
			AccessGrant grant = startSession(user);
			return new SignedUp(organization, user, grant);
		}));
	}

	/**
	 * Checks an email address and password and starts a session. An address may have an
	 * account in several organisations (accounts are per organisation, so that nobody
	 * learns from a sign-up or from adding a user that an address is known elsewhere):
	 * the password picks the account, and when it opens more than one, the organisation
	 * must be named.
	 * @param organizationId the organisation to sign in to, or null for the one the
	 * password opens
	 * @throws UnauthenticatedException with the same message whether the address is
	 * unknown or the password wrong
	 * @throws RateLimitedException while the address or the client is locked after
	 * repeated failures
	 * @throws OrganizationChoiceRequired when the password opens accounts in several
	 * organisations and none was named
	 */
	public AccessGrant login(String email, String password, @Nullable UUID organizationId) {
		String address = email.trim().toLowerCase(Locale.ROOT);
		List<LoginAccount> accounts = this.db
			.sql("select user_id, organization_id, password_hash, is_active, role = 'admin' as is_admin"
					+ " from assay_login_account(?)")
			.param(address)
			.query((rs, n) -> new LoginAccount(rs.getObject("user_id", UUID.class),
					rs.getObject("organization_id", UUID.class), rs.getString("password_hash"),
					rs.getBoolean("is_active"), rs.getBoolean("is_admin")))
			.list()
			.stream()
			.filter(account -> organizationId == null || account.organizationId().equals(organizationId))
			.toList();
		// Counted (and committed) before the password is checked, so that
		// concurrent guesses cannot all slip under the limits: the client's
		// (guesses over many addresses) and the address's (from many clients).
		this.limits.take(ClientLimits.Action.LOGIN);
		Optional<Duration> locked = this.transactions.execute(tx -> this.throttle.admit(address));
		if (locked.isPresent()) {
			recordFailure(accounts, address, "locked");
			throw new RateLimitedException(
					Wording.of("problem.too-many.failed-logins", Intervals.wording(locked.get())), locked.get());
		}
		String candidate = password.length() > Passwords.MAX_LENGTH ? "" : password;
		List<LoginAccount> opened = new ArrayList<>();
		if (accounts.isEmpty()) {
			this.passwords.matches(candidate, null);
		}
		for (LoginAccount account : accounts) {
			if (this.passwords.matches(candidate, account.passwordHash())) {
				opened.add(account);
			}
		}
		List<LoginAccount> active = opened.stream().filter(LoginAccount::isActive).toList();
		if (active.isEmpty()) {
			recordFailure(accounts, address,
					accounts.isEmpty() ? "unknown_email" : opened.isEmpty() ? "wrong_password" : "account_deactivated");
			throw new UnauthenticatedException(BAD_CREDENTIALS);
		}
		if (active.size() > 1) {
			throw new OrganizationChoiceRequired(active.stream()
				.map(account -> this.tenants.callAs(account.organizationId(), account.userId(),
						() -> this.transactions.execute(tx -> this.db
							.sql("select " + UserRows.ORGANIZATION_COLUMNS + " from organizations where id = ?")
							.param(account.organizationId())
							.query(UserRows::organization)
							.single())))
				.toList());
		}
		LoginAccount known = active.getFirst();
		if (Boolean.TRUE.equals(
				this.db.sql("select assay_sso_required(?)").param(known.organizationId()).query(Boolean.class).single())
				&& !known.isAdmin()) {
			// Told only to someone who gave the right password. Administrators keep
			// theirs, so that an organisation is never locked out by its provider.
			recordFailure(List.of(known), address, "single_sign_on_required");
			throw new UnauthenticatedException(SSO_REQUIRED);
		}
		Object outcome = this.tenants.callAs(known.organizationId(), known.userId(),
				() -> this.transactions.execute(tx -> {
					User user = this.db.sql("select " + UserRows.USER_COLUMNS + " from users where id = ?")
						.param(known.userId())
						.query(UserRows::user)
						.single();
					String organizationName = this.db.sql("select name from organizations")
						.query(String.class)
						.single();
					Optional<TwoFactors.Challenge> challenge = this.twoFactors.challengeAfterPassword(user,
							organizationName);
					if (challenge.isPresent()) {
						// The address's failures are cleared only once the second factor
						// is right: its codes are guessed against the same lock.
						return challenge.get();
					}
					return signedIn(user, address, Map.of("email", user.email()));
				}));
		if (outcome instanceof TwoFactors.Challenge challenge) {
			throw new SecondFactorRequired(challenge);
		}
		return (AccessGrant) outcome;
	}

	/** A session, and the recovery codes of a second factor set up while signing in. */
	public record SecondFactorPassed(AccessGrant grant, List<String> recoveryCodes) {
	}

	/**
	 * Completes a sign-in with the code of its second factor (or a recovery code); for a
	 * challenge to set one up, with a code of the secret proposed. Wrong codes count
	 * towards the same lock as wrong passwords; a challenge takes five tries and lasts
	 * five minutes.
	 * @throws UnauthenticatedException when the code is wrong or the challenge is over
	 * @throws RateLimitedException while the address is locked
	 */
	public SecondFactorPassed completeSecondFactor(String challenge, String code) {
		UUID organization = this.twoFactors.organizationOfChallenge(challenge)
			.orElseThrow(() -> new SignInOver(CHALLENGE_OVER));
		TwoFactors.Attempt attempt = this.tenants
			.callAs(organization, null, () -> this.twoFactors.countAttempt(challenge))
			.orElseThrow(() -> new SignInOver(CHALLENGE_OVER));
		String address = attempt.email().toLowerCase(Locale.ROOT);
		return this.tenants.callAs(organization, attempt.userId(), () -> {
			Optional<Duration> locked = this.transactions.execute(tx -> this.throttle.admit(address));
			if (locked.isPresent()) {
				throw new RateLimitedException(
						Wording.of("problem.too-many.failed-sign-ins", Intervals.wording(locked.get())), locked.get());
			}
			if (attempt.attempt() > MAX_SECOND_FACTOR_TRIES) {
				this.twoFactors.abandon(attempt);
				throw new SignInOver(Wording.of("problem.too-many.wrong-codes"));
			}
			SecondFactorPassed passed = this.transactions
				.execute(tx -> this.twoFactors.verify(attempt, code).map(factor -> {
					User user = this.db.sql("select " + UserRows.USER_COLUMNS + " from users where id = ?")
						.param(attempt.userId())
						.query(UserRows::user)
						.single();
					return new SecondFactorPassed(
							signedIn(user, address, Map.of("email", user.email(), "second_factor", factor.kind())),
							factor.recoveryCodes());
				}).orElse(null));
			if (passed == null) {
				this.transactions.executeWithoutResult(tx -> this.audit.record("login_failed", "user", attempt.userId(),
						Map.of("email", address, "reason", "wrong_second_factor")));
				throw new UnauthenticatedException(Wording.of(attempt.enrolment()
						? "problem.second-factor.wrong-enrolment" : "problem.second-factor.wrong-code"));
			}
			return passed;
		});
	}

	/** A sign-in waiting for its second factor is over: start again with the password. */
	public static final class SignInOver extends UnauthenticatedException {

		SignInOver(Wording wording) {
			super(wording);
		}

	}

	/**
	 * A right password whose sign-in waits for a second factor: the challenge to answer
	 * with the code, and for a person who must set one up, the secret proposed to their
	 * authenticator app.
	 */
	public static final class SecondFactorRequired extends WordedException {

		private final String challenge;

		private final TwoFactors.@Nullable Enrolment enrolment;

		SecondFactorRequired(TwoFactors.Challenge challenge) {
			super(Wording.of(challenge.enrolment() ? "problem.second-factor.set-up" : "problem.second-factor.enter"));
			this.challenge = challenge.token();
			this.enrolment = challenge.proposed();
		}

		public String challenge() {
			return this.challenge;
		}

		/** The secret to set up, when the person has no second factor yet. */
		public TwoFactors.@Nullable Enrolment enrolment() {
			return this.enrolment;
		}

	}

	/**
	 * Completes a sign-in, in the caller's transaction bound to the user's organisation.
	 */
	private AccessGrant signedIn(User user, String address, Map<String, String> audited) {
		this.throttle.reset(address);
		this.limits.giveBack(ClientLimits.Action.LOGIN);
		this.db.sql("update users set last_login_at = now() where id = ?").param(user.id()).update();
		this.audit.record("login_succeeded", "user", user.id(), audited);
		return startSession(user);
	}

	/**
	 * The password opened accounts in several organisations: the person says which. The
	 * organisations are named only to someone who gave the right password.
	 */
	public static final class OrganizationChoiceRequired extends WordedException {

		private final List<Organization> organizations;

		OrganizationChoiceRequired(List<Organization> organizations) {
			super(Wording.of("problem.choose-organization", organizations.size()));
			this.organizations = List.copyOf(organizations);
		}

		public List<Organization> organizations() {
			return this.organizations;
		}

	}

	/** Ends the session the current request came with. */
	public void logout(CurrentUser user) {
		this.transactions.executeWithoutResult(tx -> {
			if (this.tokens.revoke(user.tokenId(), user.userId(), AccessTokens.SESSION)) {
				this.audit.record("logout", "user", user.userId(), Map.of());
			}
		});
	}

	/**
	 * Whether the token a long-lived response (a progress stream) was opened with still
	 * stands: not revoked, not expired, its user still active. Asked again while the
	 * response lasts, so that signing out or revoking a token ends it.
	 */
	public boolean stillSignedIn(CurrentUser user) {
		return Boolean.TRUE.equals(this.tenants.callAs(user.organizationId(), user.userId(),
				() -> this.transactions.execute(tx -> this.db.sql("""
						select exists (select from access_tokens t join users u on u.id = t.user_id
						                where t.id = ? and u.is_active
						                  and (t.expires_at is null or t.expires_at > now()))
						""").param(user.tokenId()).query(Boolean.class).single())));
	}

	/** The current user's account. */
	public User me(CurrentUser current) {
		return this.transactions
			.execute(tx -> this.db.sql("select " + UserRows.USER_COLUMNS + " from users where id = ?")
				.param(current.userId())
				.query(UserRows::user)
				.optional()
				.orElseThrow(() -> new NotFoundException("User")));
	}

	/** The current organisation, its usage this month and its limits. */
	/**
	 * The languages the organisation's scanned pages are read in, as Tesseract names them
	 * ("eng", "deu+eng"); empty for the installation's default.
	 */
	public Optional<String> ocrLanguages() {
		return this.transactions.execute(tx -> this.db.sql("select ocr_languages from organizations")
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.single());
	}

	/**
	 * Sets the OCR languages of the organisation (null: the installation's default); the
	 * caller has checked that Tesseract has them.
	 */
	public void changeOcrLanguages(@Nullable String languages) {
		this.transactions.executeWithoutResult(tx -> {
			String before = ocrLanguages().orElse("default");
			this.db.sql("update organizations set ocr_languages = ?").param(languages).update();
			this.audit.record("ocr_languages_changed", "organization", this.tenants.requireOrganizationId(),
					Map.of("before", before, "after", languages == null ? "default" : languages));
		});
	}

	public OrganizationOverview organization() {
		return this.transactions.execute(tx -> {
			Organization organization = this.db.sql("select " + UserRows.ORGANIZATION_COLUMNS + " from organizations")
				.query(UserRows::organization)
				.single();
			long users = this.db.sql("select count(*) from users").query(Long.class).single();
			return new OrganizationOverview(organization, this.usage.thisMonth(), users,
					TierLimits.of(organization.subscriptionTier()));
		});
	}

	/** Whether any organisation exists yet, to tell a first-time operator what to do. */
	public boolean anyOrganizationExists() {
		return Boolean.TRUE.equals(this.db.sql("select assay_any_organization()").query(Boolean.class).single());
	}

	/**
	 * Audits a refused login, in each organisation where the address has an account, or
	 * in the chain of no organisation. The attempt was counted towards the lock before
	 * its password was checked.
	 */
	private void recordFailure(List<LoginAccount> accounts, String address, String reason) {
		Map<String, String> metadata = Map.of("email", address, "reason", reason);
		if (accounts.isEmpty()) {
			this.transactions
				.executeWithoutResult(tx -> this.audit.recordWithoutOrganization("login_failed", metadata));
			return;
		}
		for (LoginAccount known : accounts) {
			this.tenants.callAs(known.organizationId(), known.userId(), () -> {
				this.transactions
					.executeWithoutResult(tx -> this.audit.record("login_failed", "user", known.userId(), metadata));
				return null;
			});
		}
	}

	/** Starts a session for a user just signed in; runs in the caller's transaction. */
	AccessGrant startSession(User user) {
		Instant expires = Instant.now().plus(this.properties.sessionTtl()).truncatedTo(ChronoUnit.SECONDS);
		AccessTokens.Issued issued = this.tokens.issue(user.organizationId(), user.id(), AccessTokens.SESSION, "login",
				expires, this.origin.current().orElse(null));
		return new AccessGrant(issued.token(), "Bearer", this.properties.sessionTtl().toSeconds());
	}

	private record LoginAccount(UUID userId, UUID organizationId, @Nullable String passwordHash, boolean isActive,
			boolean isAdmin) {
	}

}
