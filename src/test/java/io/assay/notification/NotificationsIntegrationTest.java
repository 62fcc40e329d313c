package io.assay.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTestBase;
import io.assay.document.SampleFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an assessment ends, the person who started it gets an email through a real SMTP
 * server (GreenMail) and the organisation's webhook a signed delivery, retried when the
 * endpoint fails.
 */
class NotificationsIntegrationTest extends IntegrationTestBase {

	private static final GreenMail SMTP = startSmtp();

	private static final HttpServer RECEIVER = startReceiver();

	private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();

	/** The receiver fails this many deliveries before it takes one. */
	private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

	record Delivery(Map<String, String> headers, String body) {
	}

	private static GreenMail startSmtp() {
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		return smtp;
	}

	private static HttpServer startReceiver() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/hooks/assay", exchange -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				int status = FAILURES_LEFT.getAndDecrement() > 0 ? 503 : 204;
				if (status == 204) {
					Map<String, String> headers = new java.util.HashMap<>();
					exchange.getRequestHeaders()
						.forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
					DELIVERIES.add(new Delivery(headers, body));
				}
				exchange.sendResponseHeaders(status, -1);
				try (OutputStream out = exchange.getResponseBody()) {
					out.flush();
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void notifications(DynamicPropertyRegistry registry) {
		configure(registry, temporaryDirectory());
		registry.add("assay.notifications.smtp.host", () -> "127.0.0.1");
		registry.add("assay.notifications.smtp.port", () -> SMTP.getSmtp().getPort());
		registry.add("assay.notifications.smtp.start-tls", () -> "false");
		registry.add("assay.notifications.smtp.from", () -> "Assay <assay@notified-body.example>");
		registry.add("assay.notifications.public-url", () -> "https://assay.notified-body.example");
		registry.add("assay.notifications.retry-backoff", () -> "200ms");
		// The receiver is on loopback, which only an operator's allowance reaches.
		registry.add("assay.outbound.allowed-hosts", () -> "127.0.0.1");
	}

	@AfterAll
	static void stop() {
		SMTP.stop();
		RECEIVER.stop(0);
	}

	@Test
	void whoeverStartedItIsEmailedAndTheWebhookGetsASignedDeliveryAfterARetry() throws Exception {
		SignedUp admin = this.api.signUp("Notified body");
		SignedUp handler = this.api.member(admin, "project_handler");
		String url = "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hooks/assay";
		this.api.put("/v1/organization/webhook", handler.token(), Map.of("url", url)).expect(403);
		this.api.put("/v1/organization/webhook", admin.token(), Map.of("url", "ftp://example.org")).expect(422);
		JsonNode webhook = this.api.put("/v1/organization/webhook", admin.token(), Map.of("url", url))
			.expect(200)
			.json();
		String secret = webhook.at("/secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(this.api.get("/v1/organization/webhook", admin.token()).expect(200).json().at("/secret").isNull())
			.as("the secret is shown once")
			.isTrue();
		SignedUp stranger = this.api.signUp("Unnotified body");
		this.api.get("/v1/organization/webhook", stranger.token()).expect(404);
		FAILURES_LEFT.set(1);

		JsonNode workflow = this.api
			.post("/v1/workflows", admin.token(), Map.of("name", "Notify", "buckets",
					List.of(Map.of("name", "Test reports")), "criteria", List.of(Map.of("name", "Biocompatibility",
							"description", "A biological evaluation to ISO 10993-1 is documented."))))
			.expect(201)
			.json();
		String bucket = workflow.at("/buckets/0/id").asString();
		String report = this.api
			.upload(handler.token(), bucket, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String assessment = this.api.start(handler, workflow.at("/id").asString(), bucket, report).at("/id").asString();

		MimeMessage email = Eventually
			.until(Duration.ofSeconds(30), () -> messagesTo(handler.email()), messages -> messages.size() == 1)
			.get(0);
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo(handler.email());
		assertThat(email.getSubject()).isEqualTo("Assessment completed: 0 of 1 criteria passed (Notify)");
		assertThat(GreenMailUtil.getBody(email)).contains("0 of 1 criteria passed, 1 failed, 0 need review")
			.contains("https://assay.notified-body.example/assessments/" + assessment);

		// Someone who reads Assay in German is told in German.
		this.api.put("/v1/me/language", handler.token(), Map.of("language", "de")).expect(204);
		String again = this.api.start(handler, workflow.at("/id").asString(), bucket, report).at("/id").asString();
		MimeMessage german = Eventually
			.until(Duration.ofSeconds(30), () -> messagesTo(handler.email()), messages -> messages.size() == 2)
			.get(1);
		assertThat(german.getSubject()).isEqualTo("Prüfung abgeschlossen: 0 von 1 Kriterien bestanden (Notify)");
		assertThat(german.getContent().toString()).contains("0 von 1 Kriterien bestanden, 1 nicht bestanden")
			.contains("https://assay.notified-body.example/assessments/" + again);

		// Each run's delivery, in whatever order they arrived: the first run's was
		// refused
		// once and came back after its retry.
		Delivery delivery = Eventually
			.until(Duration.ofSeconds(30),
					() -> DELIVERIES.stream()
						.filter(d -> "assessment.completed".equals(d.headers().get("x-assay-event")))
						.toList(),
					list -> list.size() == 2)
			.stream()
			.filter(d -> d.body().contains(assessment))
			.findFirst()
			.orElseThrow();
		assertThat(FAILURES_LEFT.get()).as("the first delivery was refused and retried").isNegative();
		String timestamp = delivery.headers().get("x-assay-timestamp");
		assertThat(delivery.headers().get("x-assay-signature"))
			.isEqualTo("sha256=" + hmac(secret, timestamp + "." + delivery.body()));
		assertThat(delivery.headers().get("x-assay-event")).isEqualTo("assessment.completed");
		JsonNode payload = JsonMapper.builder().build().readTree(delivery.body());
		assertThat(payload.at("/assessment_id").asString()).isEqualTo(assessment);
		assertThat(payload.at("/summary/failed").asInt()).isEqualTo(1);

		this.api.delete("/v1/organization/webhook", admin.token()).expect(204);
		this.api.get("/v1/organization/webhook", admin.token()).expect(404);
	}

	@Test
	void theWebhookPageSetsTheUrlSendsATestEventRotatesTheSecretAndListsDeliveries() throws Exception {
		SignedUp admin = this.api.signUp("Hooked body");
		SignedUp manager = this.api.member(admin, "process_manager");
		SignedUp stranger = this.api.signUp("Unhooked body");
		String url = "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hooks/assay";
		Api page = this.api.browserSession().signInWithForm(admin);

		Api.Response refused = page.form("/settings/webhook", page.get("/settings/webhook", null).expect(200),
				Map.of("url", "http://10.1.2.3/hooks"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("The URL ").contains("private");
		Api.Response set = page.form("/settings/webhook", page.get("/settings/webhook", null).expect(200),
				Map.of("url", url));
		String secret = secretOn(set.expect(200).body());
		assertThat(secret).startsWith("whsec_");
		assertThat(page.get("/settings/webhook", null).expect(200).body()).as("shown once").doesNotContain(secret);

		FAILURES_LEFT.set(1);
		Api.Response failed = page.form("/settings/webhook/test", page.get("/settings/webhook", null), Map.of());
		assertThat(failed.expect(200).body()).contains("The endpoint answered 503");
		Api.Response tested = page.form("/settings/webhook/test", page.get("/settings/webhook", null), Map.of());
		assertThat(tested.expect(200).body()).contains("The endpoint took the test event");
		Delivery test = DELIVERIES.stream()
			.filter(d -> "webhook.test".equals(d.headers().get("x-assay-event")))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(test.headers().get("x-assay-signature"))
			.isEqualTo("sha256=" + hmac(secret, test.headers().get("x-assay-timestamp") + "." + test.body()));

		String rotated = secretOn(page.form("/settings/webhook/rotate", page.get("/settings/webhook", null), Map.of())
			.expect(200)
			.body());
		assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
		JsonNode deliveries = this.api.get("/v1/organization/webhook/deliveries", admin.token()).expect(200).json();
		assertThat(deliveries.findValuesAsString("event")).containsExactly("webhook.test", "webhook.test");
		assertThat(deliveries.get(0).at("/status_code").asInt()).isEqualTo(204);
		assertThat(deliveries.get(1).at("/status_code").asInt()).isEqualTo(503);
		assertThat(this.api.post("/v1/organization/webhook/test", admin.token(), Map.of())
			.expect(200)
			.json()
			.at("/status_code")
			.asInt()).isEqualTo(204);

		this.api.get("/v1/organization/webhook/deliveries", manager.token()).expect(403);
		this.api.post("/v1/organization/webhook/test", manager.token(), Map.of()).expect(403);
		this.api.post("/v1/organization/webhook/rotate-secret", manager.token(), Map.of()).expect(403);
		assertThat(this.api.get("/v1/organization/webhook/deliveries", stranger.token()).expect(200).json().size())
			.isZero();
		this.api.post("/v1/organization/webhook/test", stranger.token(), Map.of()).expect(404);
		this.api.post("/v1/organization/webhook/rotate-secret", stranger.token(), Map.of()).expect(404);
		assertThat(this.api.browserSession().signInWithForm(manager).get("/settings/webhook", null).status())
			.isEqualTo(403);
	}

	private static String secretOn(String page) {
		java.util.regex.Matcher secret = java.util.regex.Pattern
			.compile("id=\"webhook-secret\"[^>]*value=\"(whsec_[0-9a-f]+)\"")
			.matcher(page);
		assertThat(secret.find()).as("the secret on the page").isTrue();
		return secret.group(1);
	}

	@Test
	void theOwnerOfAnAddressHearsWhenAnotherOrganizationGivesItAnAccount() throws Exception {
		SignedUp owner = this.api.signUp("Original body");
		SignedUp other = this.api.signUp("Other body");
		String fresh = "fresh-" + java.util.UUID.randomUUID() + "@example.org";

		this.api
			.post("/v1/users", other.token(), Map.of("email", owner.email(), "name", "Namesake", "role",
					"project_handler", "password", "violet harbour engine 17"))
			.expect(201);
		String freshUser = this.api
			.post("/v1/users", other.token(), Map.of("email", fresh, "name", "Newcomer", "role", "project_handler",
					"password", "violet harbour engine 17"))
			.expect(201)
			.json()
			.at("/user/id")
			.asString();

		MimeMessage notice = Eventually
			.until(Duration.ofSeconds(30), () -> messagesTo(owner.email()), messages -> messages.size() == 1)
			.get(0);
		assertThat(notice.getSubject()).isEqualTo("Your email address was given an account at Other body");
		assertThat(GreenMailUtil.getBody(notice)).contains("Your other Assay accounts are not affected");
		// The notice is scheduled in the transaction that makes the account: none for a
		// new address.
		assertThat(this.database.asOwner()
			.sql("select count(*) from scheduled_tasks where task_instance = ?")
			.param("address:" + freshUser)
			.query(Long.class)
			.single()).isZero();

		// In the language the owner reads Assay in, where all their accounts agree on
		// one.
		this.api.put("/v1/me/language", owner.token(), Map.of("language", "de")).expect(204);
		SignedUp third = this.api.signUp("Third body");
		this.api
			.post("/v1/users", third.token(), Map.of("email", owner.email(), "name", "Namesake", "role",
					"project_handler", "password", "violet harbour engine 17"))
			.expect(201);
		MimeMessage german = Eventually
			.until(Duration.ofSeconds(30), () -> messagesTo(owner.email()), messages -> messages.size() == 2)
			.get(1);
		assertThat(german.getSubject()).isEqualTo("Für Ihre E-Mail-Adresse wurde ein Konto bei Third body angelegt");
		assertThat(GreenMailUtil.getBody(german)).contains("Ihre anderen Assay-Konten");
	}

	private static List<MimeMessage> messagesTo(String address) {
		return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
			try {
				return message.getAllRecipients()[0].toString().equalsIgnoreCase(address);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The receiver's side: recomputes the signature with the secret it was given. */
	private static String hmac(String secret, String message) throws Exception {
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
	}

}
