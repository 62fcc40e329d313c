package io.assay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.assay.platform.RequestOrigin;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Access tokens: login sessions and personal API tokens. A token is 256 random bits shown
 * to its holder once; the database keeps only its SHA-256, which is enough to recognise
 * it and useless to anyone who reads the table. (A slow hash buys nothing for a random
 * secret of this length.)
 */
@Component
class AccessTokens {

	static final String SESSION = "session";

	static final String PERSONAL = "personal";

	private static final String PREFIX = "assay_";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient db;

	AccessTokens(JdbcClient db) {
		this.db = db;
	}

	/** A token just created: the only moment its secret exists outside its holder. */
	record Issued(UUID id, String token, @Nullable Instant expiresAt, Instant createdAt) {
	}

	/**
	 * Creates a token for a user of the bound organisation; runs in the caller's
	 * transaction.
	 */
	Issued issue(UUID organizationId, UUID userId, String kind, String name, @Nullable Instant expiresAt) {
		return issue(organizationId, userId, kind, name, expiresAt, null);
	}

	/**
	 * Creates a token, noting the client it was made for (a session's browser and
	 * address, so that its holder can tell their sessions apart).
	 */
	Issued issue(UUID organizationId, UUID userId, String kind, String name, @Nullable Instant expiresAt,
			RequestOrigin.@Nullable Origin origin) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = UUID.randomUUID();
		Instant createdAt = this.db.sql("""
				insert into access_tokens (id, organization_id, user_id, kind, name, token_hash, expires_at,
				                           user_agent, ip_address)
				values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as inet)) returning created_at
				""")
			.params(id, organizationId, userId, kind, name, digest(token),
					expiresAt == null ? null : Timestamp.from(expiresAt), origin == null ? null : origin.userAgent(),
					origin == null ? null : origin.ipAddress())
			.query(Timestamp.class)
			.single()
			.toInstant();
		return new Issued(id, token, expiresAt, createdAt);
	}

	/** Who holds this token, if it is a live token of an active user. */
	Optional<CurrentUser> holder(String token) {
		if (!token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.db
			.sql("select token_id, user_id, organization_id, organization_name, email, name, role,"
					+ " coalesce(locale, organization_locale) as locale from assay_token_holder(?)")
			.param(digest(token))
			.query((rs, n) -> new CurrentUser(rs.getObject("user_id", UUID.class),
					rs.getObject("organization_id", UUID.class), rs.getString("organization_name"),
					rs.getString("email"), rs.getString("name"), Role.of(rs.getString("role")).orElseThrow(),
					rs.getObject("token_id", UUID.class), rs.getString("locale")))
			.optional();
	}

	/**
	 * Notes that a token was used, at most once a minute so that a busy client does not
	 * turn every read into a write. Runs in the caller's transaction, bound to the
	 * token's organisation.
	 */
	void touch(UUID tokenId) {
		this.db.sql("""
				update access_tokens set last_used_at = now()
				 where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')
				""").param(tokenId).update();
	}

	/** Removes a token of the bound organisation; true if there was one. */
	boolean revoke(UUID tokenId, UUID userId, String kind) {
		return this.db.sql("delete from access_tokens where id = ? and user_id = ? and kind = ?")
			.params(tokenId, userId, kind)
			.update() == 1;
	}

	/** Removes every session and personal token of a user of the bound organisation. */
	int revokeAll(UUID userId) {
		return this.db.sql("delete from access_tokens where user_id = ?").param(userId).update();
	}

	/**
	 * Removes a user's sessions except one (null: all), as after a password change;
	 * answers how many.
	 */
	int revokeSessions(UUID userId, @Nullable UUID keep) {
		return this.db.sql("delete from access_tokens where user_id = ? and kind = 'session' and id is distinct from ?")
			.params(userId, keep)
			.update();
	}

	static byte[] digest(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
