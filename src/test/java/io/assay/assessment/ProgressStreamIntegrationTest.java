package io.assay.assessment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A progress stream lasts only as long as the access it was opened with. */
class ProgressStreamIntegrationTest extends IntegrationTest {

	@Test
	void signingOutEndsTheOpenProgressStream() throws Exception {
		SignedUp admin = this.api.signUp("Streaming body " + UUID.randomUUID());
		this.api.oneBucketWorkflow(admin.token(), "Streams");
		UUID workflow = UUID
			.fromString(this.api.get("/v1/workflows", admin.token()).json().at("/items/0/id").asString());
		UUID submission = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		// A run that stays queued: no job is scheduled for it, so only the sign-out can
		// end
		// its stream.
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
		HttpRequest events = HttpRequest.newBuilder(URI.create(this.api.base() + "/v1/assessments/" + run + "/events"))
			.header("Authorization", "Bearer " + admin.token())
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
			.send(events, HttpResponse.BodyHandlers.ofLines());
		assertThat(stream.statusCode()).isEqualTo(200);
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));
		io.assay.Eventually.until(java.time.Duration.ofSeconds(15), () -> List.copyOf(lines),
				seen -> seen.contains("event:progress"));

		this.api.post("/v1/auth/logout", admin.token(), Map.of()).expect(204);

		ended.get(15, TimeUnit.SECONDS);
		assertThat(lines).doesNotContain("event:end");
	}

}
