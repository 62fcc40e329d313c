package io.assay.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's personal API tokens, for scripts and integrations. */
@Service
public class ApiTokens {

	private final JdbcClient db;

	private final AccessTokens tokens;

	private final AuditTrail audit;

	ApiTokens(JdbcClient db, AccessTokens tokens, AuditTrail audit) {
		this.db = db;
		this.tokens = tokens;
		this.audit = audit;
	}

	/** A personal token as listed: never its secret. */
	public record ApiToken(UUID id, String name, Instant createdAt, @Nullable Instant expiresAt,
			@Nullable Instant lastUsedAt) {
	}

	/** A token just created, with its secret shown this once. */
	public record CreatedToken(UUID id, String name, String token, Instant createdAt, @Nullable Instant expiresAt) {
	}

	@Transactional
	public CreatedToken create(CurrentUser user, String name, @Nullable Instant expiresAt) {
		if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
			throw InvalidInputException.of("expires_at", Wording.of("field.in-the-future"));
		}
		AccessTokens.Issued issued = this.tokens.issue(user.organizationId(), user.userId(), AccessTokens.PERSONAL,
				name.trim(), expiresAt);
		this.audit.record("api_token_created", "api_token", issued.id(), expiresAt == null ? Map.of("name", name.trim())
				: Map.of("name", name.trim(), "expires_at", expiresAt.toString()));
		return new CreatedToken(issued.id(), name.trim(), issued.token(), issued.createdAt(), expiresAt);
	}

	@Transactional(readOnly = true)
	public List<ApiToken> list(CurrentUser user) {
		return this.db.sql("""
				select id, name, created_at, expires_at, last_used_at from access_tokens
				 where user_id = ? and kind = 'personal' order by created_at desc, id
				""")
			.param(user.userId())
			.query((rs, n) -> new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("expires_at")),
					instant(rs.getTimestamp("last_used_at"))))
			.list();
	}

	/** Revokes one of the user's own tokens; another user's token is not found. */
	@Transactional
	public void delete(CurrentUser user, UUID id) {
		if (!this.tokens.revoke(id, user.userId(), AccessTokens.PERSONAL)) {
			throw new NotFoundException("API token");
		}
		this.audit.record("api_token_deleted", "api_token", id, Map.of());
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
