package io.assay.assessment.web;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress streams: each lasts only as long as the access it was opened with, and many
 * cost neither threads nor connections.
 */
class ProgressStreamIntegrationTest extends IntegrationTest {

	@Test
	void signingOutEndsTheOpenProgressStream() throws Exception {
		SignedUp admin = this.api.signUp("Streaming body " + UUID.randomUUID());
		// A run that stays queued: no job is scheduled for it, so only the sign-out can
		// end its stream.
		UUID run = queuedRun(admin);
		HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
			.send(events(admin, run), HttpResponse.BodyHandlers.ofLines());
		assertThat(stream.statusCode()).isEqualTo(200);
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));
		Eventually.until(Duration.ofSeconds(15), () -> List.copyOf(lines), seen -> seen.contains("event:progress"));

		this.api.post("/v1/auth/logout", admin.token(), Map.of()).expect(204);

		ended.get(15, TimeUnit.SECONDS);
		assertThat(lines).doesNotContain("event:end");
	}

	/**
	 * Two hundred streams follow one run without a thread or a connection each: a change
	 * committed in the database reaches every one of them (announced, not polled), and
	 * once their clients are gone nothing of them is left.
	 */
	@Test
	void manyStreamsAreHeardWithoutAThreadOrConnectionEach() throws Exception {
		SignedUp admin = this.api.signUp("Many streams body " + UUID.randomUUID());
		UUID run = queuedRun(admin);
		ProgressStreams streams = this.context.getBean(ProgressStreams.class);
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		HttpClient client = HttpClient.newHttpClient();
		List<HttpResponse<Stream<String>>> responses = new ArrayList<>();
		List<List<String>> seen = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			HttpResponse<Stream<String>> response = client.send(events(admin, run),
					HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			List<String> lines = new CopyOnWriteArrayList<>();
			Thread.ofVirtual().start(() -> {
				try {
					response.body().forEach(lines::add);
				}
				catch (java.io.UncheckedIOException ex) {
					// Closed by the test.
				}
			});
			responses.add(response);
			seen.add(lines);
		}
		Eventually.until(Duration.ofSeconds(60), streams::open, open -> open == 200);
		Eventually.until(Duration.ofSeconds(60),
				() -> seen.stream().filter(lines -> lines.contains("event:progress")).count(), count -> count == 200);
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
			.as("no thread of the server's per stream (the test's own readers are virtual)")
			.isLessThan(50);
		com.zaxxer.hikari.HikariDataSource pool = this.context.getBean(com.zaxxer.hikari.HikariDataSource.class);
		assertThat(this.database.asOwner()
			.sql("select count(*) from pg_stat_activity where usename = ?")
			.param(pool.getUsername())
			.query(Long.class)
			.single()).as("the application's connections: its pool and one listener")
			.isLessThanOrEqualTo(pool.getMaximumPoolSize() + 1L);

		// A change committed elsewhere (here: by the database's owner) is announced.
		this.database.asOwner()
			.sql("update assessments set status = 'running', progress_done = 1 where id = ?")
			.param(run)
			.update();
		Eventually.until(Duration.ofSeconds(60),
				() -> seen.stream()
					.filter(lines -> lines.stream().anyMatch(line -> line.contains("\"status\":\"processing\"")))
					.count(),
				count -> count == 200);

		for (HttpResponse<Stream<String>> response : responses) {
			response.body().close();
		}
		Eventually.until(Duration.ofSeconds(60), streams::open, open -> open == 0);
	}

	/** A run that stays queued: no job is scheduled for it. */
	private UUID queuedRun(SignedUp admin) {
		this.api.oneBucketWorkflow(admin.token(), "Streams");
		UUID workflow = UUID
			.fromString(this.api.get("/v1/workflows", admin.token()).json().at("/items/0/id").asString());
		UUID submission = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		this.database.asOwnerInOneTransaction(owner -> {
			owner.sql("insert into submissions (id, organization_id, workflow_id, reference) values (?, ?, ?, 'S-1')")
				.params(submission, admin.organizationId(), workflow)
				.update();
			owner.sql("""
					insert into assessments (id, organization_id, submission_id, run_number, workflow_id,
					                         workflow_version, status, progress_total)
					values (?, ?, ?, 1, ?, 1, 'queued', 1)
					""").params(run, admin.organizationId(), submission, workflow).update();
		});
		return run;
	}

	private HttpRequest events(SignedUp user, UUID run) {
		return HttpRequest.newBuilder(URI.create(this.api.base() + "/v1/assessments/" + run + "/events"))
			.header("Authorization", "Bearer " + user.token())
			.header("Accept", "text/event-stream")
			.build();
	}

}
