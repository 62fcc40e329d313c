package io.assay.assessment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.assay.Api.SignedUp;
import io.assay.CopyOfAssay;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost when a copy of the service dies mid-job: a second copy of Assay, in its
 * own JVM on the same database and storage, takes the job, is killed with SIGKILL while
 * the job runs (its judge, a stand-in for Claude's API, halfway through the criteria),
 * and is started again; the assessment then completes, once, and the resumed job asks
 * only about the criteria that had no result yet.
 */
class JobSurvivesRestartIntegrationTest extends IntegrationTest {

	private static final int CRITERIA = 8;

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36})");

	private final StandInMessagesApi claude = new StandInMessagesApi();

	JobSurvivesRestartIntegrationTest() throws IOException {
		// Slow enough that the copy can be killed between two verdicts.
		this.claude.answerWith(body -> {
			Matcher document = DOCUMENT.matcher(body);
			String id = document.find() ? document.group(1) : "";
			return new Reply(200, StandInMessagesApi.verdict("pass", "high", id, 3,
					"Clause 3.1: measured value within limits, verdict PASS."), null, 1_500);
		});
	}

	@AfterEach
	void stopStandIn() {
		this.claude.close();
	}

	@Test
	void anAssessmentCompletesOnceAfterItsWorkerIsKilledMidJob() throws Exception {
		SignedUp admin = this.api.signUp("Restarting body");
		List<Map<String, String>> criteria = new ArrayList<>();
		for (int i = 1; i <= CRITERIA; i++) {
			criteria.add(Map.of("name", "Clause group " + i, "description", "Group " + i + " of clauses passes."));
		}
		JsonNode workflow = this.api
			.post("/v1/workflows", admin.token(),
					Map.of("name", "Large file", "buckets", List.of(Map.of("name", "Test reports")), "criteria",
							criteria))
			.expect(201)
			.json();
		String bucket = workflow.at("/buckets/0/id").asString();
		String document = this.api
			.upload(admin.token(), bucket, "large-report.pdf", "application/pdf", largeReport(100))
			.expect(201)
			.json()
			.at("/id")
			.asString();

		Scheduler ours = this.context.getBean(Scheduler.class);
		ours.pause();
		try {
			String id = this.api
				.post("/v1/assessments", admin.token(),
						Map.of("workflow_id", workflow.at("/id").asString(), "documents",
								List.of(Map.of("bucket_id", bucket, "document_id", document))))
				.expect(202)
				.json()
				.at("/id")
				.asString();

			Process first = startCopy("first");
			try {
				Eventually.until(Duration.ofSeconds(60),
						() -> this.api.get("/v1/assessments/" + id, admin.token()).expect(200).json(),
						json -> json.at("/progress/done").asInt() >= 1);
			}
			finally {
				first.destroyForcibly();
				first.waitFor();
			}
			assertThat(status(admin, id)).as("killed mid-job").isEqualTo("processing");
			int recordedBefore = results(admin, id);
			int askedBefore = this.claude.received().size();
			// An answer that came back just before the kill is in the cache, paid for,
			// though its result was never written: the resumed job takes it from there.
			long answered = this.database.asOwner()
				.sql("select count(*) from judge_answers where organization_id = ?")
				.param(admin.organizationId())
				.query(Long.class)
				.single();
			assertThat(recordedBefore).as("killed between the first and the last verdict").isBetween(1, CRITERIA - 1);

			Process second = startCopy("second");
			try {
				JsonNode done = Eventually.until(Duration.ofSeconds(90),
						() -> this.api.get("/v1/assessments/" + id, admin.token()).expect(200).json(),
						json -> !json.at("/status").asString().equals("processing")
								&& !json.at("/status").asString().equals("pending"));
				assertThat(done.at("/status").asString()).isEqualTo("completed");
				assertThat(done.at("/progress/done").asInt()).isEqualTo(CRITERIA);
				assertThat(results(admin, id)).as("one result per criterion, none duplicated by the resumed job")
					.isEqualTo(CRITERIA);
				assertThat(this.claude.received().size() - askedBefore)
					.as("the resumed job asks only about criteria neither recorded nor answered before")
					.isEqualTo(CRITERIA - answered);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
			assertThat(this.api.get("/v1/audit-logs?action=assessment_completed&resource_id=" + id, admin.token())
				.expect(200)
				.json()
				.at("/total")
				.asLong()).as("completed once").isEqualTo(1);
			assertThat(this.database.asOwner()
				.sql("select count(*) from scheduled_tasks where task_instance = ?")
				.param(id)
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			ours.resume();
		}
	}

	private int results(SignedUp admin, String id) {
		return this.api.get("/v1/assessments/" + id + "/results", admin.token()).expect(200).json().size();
	}

	private String status(SignedUp admin, String id) {
		return this.api.get("/v1/assessments/" + id, admin.token()).expect(200).json().at("/status").asString();
	}

	/**
	 * Another copy of Assay on the same database and data directory, with fast
	 * heartbeats.
	 */
	private Process startCopy(String name) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		Path log = Files.createDirectories(Path.of("target", "restart-test")).resolve(name + ".log");
		List<String> command = new ArrayList<>(
				List.of(java, "-cp", System.getProperty("java.class.path"), "io.assay.Assay"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("ASSAY_PORT", Integer.toString(port));
		env.put("ASSAY_DATA_DIR", DATA_DIRECTORY.toString());
		env.put("ASSAY_DATABASE_URL", this.database.url());
		env.put("ASSAY_DATABASE_OWNER_USER", this.database.ownerUser());
		env.put("ASSAY_DATABASE_OWNER_PASSWORD", this.database.ownerPassword());
		env.put("ASSAY_DATABASE_APP_USER", "assay_restart_test_app");
		env.put("ASSAY_DATABASE_APP_PASSWORD", "restart-test-password");
		env.put("ASSAY_DATABASE_POOL_SIZE", "4");
		env.put("ASSAY_JOBS_HEARTBEAT_INTERVAL", "1s");
		env.put("ASSAY_JOBS_MISSED_HEARTBEATS", "4");
		env.put("ASSAY_JOBS_POLLING_INTERVAL", "200ms");
		// One call a criterion, so that the copy can be killed between two verdicts and
		// the calls of the resumed job counted by criterion.
		env.put("ASSAY_CRITERIA_PER_CALL", "1");
		env.put("ASSAY_JUDGE", "anthropic");
		env.put("ANTHROPIC_API_KEY", "test-key");
		env.put("ASSAY_ANTHROPIC_BASE_URL", this.claude.baseUrl());
		env.put("ASSAY_JUDGE_CONCURRENT_CALLS", "2");
		// The killed copy's calls stop counting after this.
		env.put("ASSAY_JUDGE_CALL_LEASE", "3s");
		Process process = builder.start();
		CopyOfAssay.awaitAnswer(process, log, URI.create("http://localhost:" + port + "/actuator/health"),
				Duration.ofSeconds(90));
		return process;
	}

	private static byte[] largeReport(int pages) throws IOException {
		List<PageText> content = new ArrayList<>();
		for (int page = 1; page <= pages; page++) {
			List<String> lines = new ArrayList<>();
			for (int line = 1; line <= 40; line++) {
				lines.add("Clause " + page + "." + line + ": measured value within limits, verdict PASS.");
			}
			content.add(new PageText(page + " Test series " + page, lines));
		}
		return SampleFiles.pdf(content);
	}

}
