package io.assay.notification;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.assay.audit.AuditTrail;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.outbound.OutboundRequests;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The organisation's webhook: where deliveries go and the secret that signs them. */
@Service
public class Webhooks {

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final OutboundRequests outbound;

	/** Deliveries kept per organisation for the webhook page. */
	private static final int KEPT_DELIVERIES = 100;

	private static final MediaType JSON = MediaType.get("application/json");

	private final SecureRandom random = new SecureRandom();

	private final OkHttpClient http;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	Webhooks(JdbcClient db, TenantContext tenants, AuditTrail audit, OutboundRequests outbound,
			NotificationProperties properties, JsonMapper json, TransactionTemplate transactions) {
		this.http = outbound.client(properties.webhookTimeout());
		this.json = json;
		this.transactions = transactions;
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

	/**
	 * One try at a delivery, as the webhook page lists it.
	 *
	 * @param statusCode the endpoint's answer, null when none came
	 * @param error why no answer came (refused address, time-out, connection refused)
	 */
	public record Delivery(UUID id, String event, UUID deliveryId, String url, @Nullable Integer statusCode,
			@Nullable String error, int durationMs, Instant createdAt) {

		public boolean succeeded() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

	}

	/** The last deliveries of the organisation's webhook, newest first. */
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(int limit) {
		return this.db.sql("""
				select id, event, delivery_id, url, status_code, error, duration_ms, created_at
				  from webhook_deliveries order by created_at desc, id desc limit ?
				""")
			.param(limit)
			.query((rs, n) -> new Delivery(rs.getObject("id", UUID.class), rs.getString("event"),
					rs.getObject("delivery_id", UUID.class), rs.getString("url"), (Integer) rs.getObject("status_code"),
					rs.getString("error"), rs.getInt("duration_ms"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** Gives the webhook a new signing secret, shown this once; the URL stays. */
	@Transactional
	public Webhook rotateSecret() {
		Webhook current = find();
		Webhook rotated = set(current.url());
		this.audit.record("webhook_secret_rotated", "organization", this.tenants.requireOrganizationId(),
				Map.of("url", current.url()));
		return rotated;
	}

	/**
	 * Sends a test event to the webhook now and answers how it went, so that an
	 * administrator sees at once whether their endpoint takes Assay's deliveries.
	 */
	public Delivery sendTest() {
		Endpoint endpoint = this.transactions.execute(tx -> endpoint())
			.orElseThrow(() -> new NotFoundException("Webhook"));
		UUID id = UUID.randomUUID();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "webhook.test");
		payload.put("delivery_id", id);
		payload.put("sent_at", Instant.now());
		return post(endpoint, "webhook.test", id, payload);
	}

	/**
	 * Signs and posts an event to the endpoint and records the try; answers how it went.
	 * Redirects are not followed.
	 */
	Delivery post(Endpoint endpoint, String event, UUID deliveryId, Map<String, Object> payload) {
		String body = this.json.writeValueAsString(payload);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		Request request = new Request.Builder().url(endpoint.url().toString())
			.header("User-Agent", "Assay-Webhook/1")
			.header("X-Assay-Event", event)
			.header("X-Assay-Delivery", deliveryId.toString())
			.header("X-Assay-Timestamp", timestamp)
			.header("X-Assay-Signature", "sha256=" + signature(endpoint.secret(), timestamp, body))
			.post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
			.build();
		long started = System.nanoTime();
		Integer status = null;
		String error = null;
		try (Response response = this.http.newCall(request).execute()) {
			status = response.code();
		}
		catch (IOException ex) {
			error = OutboundRequests.reason(ex);
		}
		int duration = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
		Integer statusCode = status;
		String reason = error;
		return this.transactions.execute(tx -> {
			Delivery delivery = this.db
				.sql("""
						insert into webhook_deliveries (organization_id, event, delivery_id, url, status_code, error, duration_ms)
						values (?, ?, ?, ?, ?, ?, ?)
						returning id, event, delivery_id, url, status_code, error, duration_ms, created_at
						""")
				.params(this.tenants.requireOrganizationId(), event, deliveryId, endpoint.url().toString(), statusCode,
						reason, duration)
				.query((rs, n) -> new Delivery(rs.getObject("id", UUID.class), rs.getString("event"),
						rs.getObject("delivery_id", UUID.class), rs.getString("url"),
						(Integer) rs.getObject("status_code"), rs.getString("error"), rs.getInt("duration_ms"),
						rs.getTimestamp("created_at").toInstant()))
				.single();
			// The page shows the last ones; older tries are of no further use.
			this.db.sql("""
					delete from webhook_deliveries where id in
					  (select id from webhook_deliveries order by created_at desc, id desc offset ?)
					""").param(KEPT_DELIVERIES).update();
			return delivery;
		});
	}

	/**
	 * HMAC-SHA256 of "timestamp.body" with the secret, in hex: the receiver recomputes it
	 * and rejects old timestamps, so a delivery can be neither forged nor replayed.
	 */
	static String signature(String secret, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

	@Transactional(readOnly = true)
	Optional<Endpoint> endpoint() {
		return this.db.sql("select url, secret from organization_webhooks")
			.query((rs, n) -> new Endpoint(URI.create(rs.getString(1)), rs.getString(2)))
			.optional();
	}

}
