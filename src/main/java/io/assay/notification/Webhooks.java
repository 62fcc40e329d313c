package io.assay.notification;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.outbound.OutboundRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organisation's webhook: where deliveries go and the secret that signs them. */
@Service
public class Webhooks {

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final OutboundRequests outbound;

	private final SecureRandom random = new SecureRandom();

	Webhooks(JdbcClient db, TenantContext tenants, AuditTrail audit, OutboundRequests outbound) {
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.outbound = outbound;
	}

	/** The webhook as shown; the secret only when it is set. */
	public record Webhook(String url, @Nullable String secret, Instant createdAt) {
	}

	/** Where deliveries go and how they are signed. */
	record Endpoint(URI url, String secret) {
	}

	/**
	 * Sets the webhook, with a new secret, replacing any before.
	 * @throws InvalidInputException unless the URL is absolute http or https and leads to
	 * an address deliveries may go to
	 */
	@Transactional
	public Webhook set(@Nullable String url) {
		URI uri = this.outbound.check(url, "url");
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String secret = "whsec_" + HexFormat.of().formatHex(bytes);
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		Instant created = this.db
			.sql("""
					insert into organization_webhooks (organization_id, url, secret, created_by) values (?, ?, ?, ?)
					on conflict (organization_id) do update
					   set url = excluded.url, secret = excluded.secret, created_by = excluded.created_by, created_at = now()
					returning created_at
					""")
			.params(tenant.organizationId(), uri.toString(), secret, tenant.userId())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.single();
		this.audit.record("webhook_set", "organization", tenant.organizationId(), Map.of("url", uri.toString()));
		return new Webhook(uri.toString(), secret, created);
	}

	@Transactional(readOnly = true)
	public Webhook find() {
		return this.db.sql("select url, created_at from organization_webhooks")
			.query((rs, n) -> new Webhook(rs.getString(1), null, rs.getTimestamp(2).toInstant()))
			.optional()
			.orElseThrow(() -> new NotFoundException("Webhook"));
	}

	@Transactional
	public void remove() {
		UUID organization = this.tenants.requireOrganizationId();
		if (this.db.sql("delete from organization_webhooks").update() == 0) {
			throw new NotFoundException("Webhook");
		}
		this.audit.record("webhook_removed", "organization", organization, Map.of());
	}

	@Transactional(readOnly = true)
	Optional<Endpoint> endpoint() {
		return this.db.sql("select url, secret from organization_webhooks")
			.query((rs, n) -> new Endpoint(URI.create(rs.getString(1)), rs.getString(2)))
			.optional();
	}

}
