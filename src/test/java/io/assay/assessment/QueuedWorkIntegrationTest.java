package io.assay.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.Eventually;
import io.assay.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queued runs are picked up when the queueing commits, not at a copy's next look for
 * work: this copy looks only once an hour here, so only the database's announcement can
 * bring a run to it within the test's waits, its own run as well as one another copy
 * queued.
 */
class QueuedWorkIntegrationTest extends IntegrationTestBase {

	private static final Path DATA = temporaryDirectory();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
		registry.add("assay.jobs.polling-interval", () -> "1h");
	}

	@Test
	void aRunAnotherCopyQueuedIsPickedUpWhenAnnounced() throws IOException {
		SignedUp admin = this.api.signUp("Queued elsewhere body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());

		// What another copy's start writes: the run, its documents and its job.
		UUID run = UUID.randomUUID();
		UUID previous = UUID.fromString(started.assessmentId());
		byte[] job = serialized(AssessmentJob.data(admin.organizationId(), run));
		this.database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into assessments (id, organization_id, submission_id, run_number, workflow_id,
					                         workflow_version, status, progress_total, created_by)
					select ?, organization_id, submission_id, run_number + 1, workflow_id, workflow_version, 'queued',
					       progress_total, created_by
					  from assessments where id = ?
					""").params(run, previous).update();
			owner.sql("""
					insert into assessment_documents (assessment_id, organization_id, bucket_id, document_id, file_name,
					                                  storage_key, file_size_bytes, file_type, page_count, sha256,
					                                  uploaded_by, uploaded_at)
					select ?, organization_id, bucket_id, document_id, file_name, storage_key, file_size_bytes,
					       file_type, page_count, sha256, uploaded_by, uploaded_at
					  from assessment_documents where assessment_id = ?
					""").params(run, previous).update();
			owner.sql("""
					insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
					values (?, ?, ?, now(), false, 1)
					""").params(AssessmentScheduling.TASK, run.toString(), job).update();
		});

		JsonNode done = Eventually.until(Duration.ofSeconds(90),
				() -> this.api.get("/v1/assessments/" + run, handler.token()).expect(200).json(),
				assessment -> assessment.at("/run_status").asString().equals("completed"));
		assertThat(done.at("/summary/total").asInt()).isEqualTo(1);
	}

	/** The job's data as db-scheduler keeps it (Java serialisation, its default). */
	private static byte[] serialized(String data) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(data);
		}
		return bytes.toByteArray();
	}

}
