package io.assay.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook cannot be pointed at an internal address in any spelling, and a delivery to a
 * name that leads to one by the time it is sent (DNS rebinding, or a row written around
 * the check) is refused at the connection: a listener on loopback receives nothing.
 */
class WebhookAddressesIntegrationTest extends IntegrationTest {

	private ServerSocket listener;

	private final AtomicInteger connections = new AtomicInteger();

	@BeforeEach
	void listen() throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			while (!this.listener.isClosed()) {
				try (Socket accepted = this.listener.accept()) {
					this.connections.incrementAndGet();
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			}
		});
	}

	@AfterEach
	void close() throws IOException {
		this.listener.close();
	}

	@Test
	void internalAddressesAreRefusedInEverySpelling() {
		SignedUp admin = this.api.signUp("Webhook addresses body");
		int port = this.listener.getLocalPort();
		int database = Integer.parseInt(this.database.url().replaceAll(".*:(\\d+)/.*", "$1"));
		Map<String, String> refused = new java.util.LinkedHashMap<>();
		refused.put("http://127.0.0.1:" + port + "/hook", "loopback");
		refused.put("http://localhost:" + port + "/hook", "loopback");
		refused.put("http://2130706433:" + port + "/hook", "loopback");
		refused.put("http://[::1]:" + port + "/hook", "loopback");
		refused.put("http://[::ffff:127.0.0.1]:" + port + "/hook", "loopback");
		refused.put("http://[::ffff:7f00:1]:" + port + "/hook", "loopback");
		refused.put("http://127.0.0.1:" + database + "/", "loopback");
		refused.put("http://0.0.0.0:" + port + "/hook", "unspecified");
		refused.put("http://[::]:" + port + "/hook", "unspecified");
		refused.put("http://10.0.0.1/hook", "private");
		refused.put("http://172.16.5.4/hook", "private");
		refused.put("http://192.168.1.1/hook", "private");
		refused.put("http://100.64.0.1/hook", "carrier-grade NAT");
		refused.put("http://169.254.169.254/latest/meta-data/", "link-local");
		refused.put("http://[fe80::1]/hook", "link-local");
		refused.put("http://[fd00::1]/hook", "unique-local");
		refused.put("http://[64:ff9b::a00:1]/hook", "private");
		refused.put("http://[2002:c0a8:101::1]/hook", "private");
		refused.put("http://224.0.0.1/hook", "multicast");
		refused.forEach((url, reason) -> {
			JsonNode problem = this.api.put("/v1/organization/webhook", admin.token(), Map.of("url", url))
				.expect(422)
				.json();
			assertThat(problem.at("/errors/0/field").asString()).as(url).isEqualTo("url");
			assertThat(problem.at("/errors/0/message").asString()).as(url)
				.contains(reason)
				.contains("does not send requests to");
		});
		for (String url : List.of("http://user:pw@93.184.215.14/hook", "http://127.1:" + port + "/hook")) {
			this.api.put("/v1/organization/webhook", admin.token(), Map.of("url", url)).expect(422);
		}
		this.api.get("/v1/organization/webhook", admin.token()).expect(404);
		assertThat(this.connections).as("nothing was sent to check an address").hasValue(0);
	}

	@Test
	void aDeliveryToANameThatNowLeadsInsideIsRefusedAtTheConnection() throws IOException {
		SignedUp admin = this.api.signUp("Rebound body");
		// As if "localhost" had led to a public address when the webhook was set.
		this.database.asOwner()
			.sql("insert into organization_webhooks (organization_id, url, secret) values (?, ?, 'whsec_test')")
			.params(admin.organizationId(), "http://localhost:" + this.listener.getLocalPort() + "/hook")
			.update();

		String assessment = this.api.startOnSampleReport(admin, admin).assessmentId();

		Eventually.until(Duration.ofSeconds(60),
				() -> this.database.asOwner()
					.sql("select coalesce(max(consecutive_failures), 0) from scheduled_tasks where task_instance = ?")
					.param("webhook:" + assessment)
					.query(Integer.class)
					.single(),
				failures -> failures >= 1);
		assertThat(this.connections).as("the listener on loopback received nothing").hasValue(0);
	}

}
