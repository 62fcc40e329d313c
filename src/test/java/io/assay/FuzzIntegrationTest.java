package io.assay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.assay.Api.SignedUp;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the JSON endpoints, the list parameters and the upload path random and mutated
 * input, from valid requests mutated the way fuzzers do (values swapped for other types,
 * control characters, huge and deeply nested values, other tenants' ids, cut or flipped
 * bytes; files cut, flipped and spliced, hostile names and types), for a bounded time.
 * Every answer must be below 500, and afterwards every stored object must belong to a
 * document (or be awaiting its sweep) and the scratch folder must be empty.
 * <p>
 * The seed is printed; {@code -Dassay.fuzz.seed=N} replays a run, and
 * {@code -Dassay.fuzz.seconds=S} runs longer (60 by default).
 */
class FuzzIntegrationTest extends IntegrationTest {

	/** Writes nesting far deeper than the service accepts, to see it refused. */
	private static final JsonMapper JSON = JsonMapper
		.builder(tools.jackson.core.json.JsonFactory.builder()
			.streamWriteConstraints(
					tools.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
			.build())
		.build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * Tomcat refuses a request head beyond 8 KB (Spring Boot's default) with a 400 and
	 * closes the connection without reading the rest, so a client still sending a longer
	 * path may see the connection reset instead of the answer. Such paths never reach
	 * Assay's code; a lost answer to them is the HTTP server's refusal, not a failure.
	 */
	private static final int PATH_THE_SERVER_MAY_REFUSE_UNREAD = 7 * 1024;

	/** Counted in {@link #statuses} for a too-long request the server cut off. */
	private static final int REFUSED_UNREAD = 0;

	private Random random;

	private SignedUp admin;

	private SignedUp handler;

	private final List<String> failures = new ArrayList<>();

	/** Ids of this organisation's objects and another's, for swapping in. */
	private final List<String> ids = new ArrayList<>();

	private long requests;

	/** Answers by status, to see that mutated input reaches past the first check too. */
	private final java.util.SortedMap<Integer, Integer> statuses = new java.util.TreeMap<>();

	@Test
	void noInputMakesAServerErrorOrLeavesAStrayObject() throws Exception {
		long seed = Long.getLong("assay.fuzz.seed", new Random().nextLong());
		Duration budget = Duration.ofSeconds(Long.getLong("assay.fuzz.seconds", 60));
		System.out.println("Fuzzing with -Dassay.fuzz.seed=" + seed + " for " + budget.toSeconds() + " s");
		this.random = new Random(seed);
		Fixture fixture = fixture();
		List<Seed> seeds = seeds(fixture);

		Instant end = Instant.now().plus(budget);
		while (Instant.now().isBefore(end)) {
			if (this.random.nextInt(4) == 0) {
				upload(fixture);
			}
			else if (this.random.nextInt(5) == 0) {
				list(fixture);
			}
			else {
				Seed seed0 = seeds.get(this.random.nextInt(seeds.size()));
				json(seed0);
			}
		}
		System.out.println("Fuzzing sent " + this.requests + " requests, answered " + this.statuses);

		// The first failure goes in the description: a CI summary shows only its first
		// line.
		assertThat(this.failures)
			.as("server errors (replay with -Dassay.fuzz.seed=%d), first: %s", seed,
					this.failures.isEmpty() ? "none" : this.failures.get(0).replace('\n', ' '))
			.isEmpty();
		assertThat(this.statuses.keySet()).as("mutated requests that were accepted, and refused")
			.anyMatch(status -> status / 100 == 2)
			.anyMatch(status -> status / 100 == 4);
		assertNoStrayStoredObject();
	}

	/** A valid request to mutate. */
	record Seed(String method, String path, String token, JsonNode body) {
	}

	record Fixture(String workflow, String bucket, String document, String assessment, String result, String submission,
			String user) {
	}

	private Fixture fixture() throws IOException {
		this.admin = this.api.signUp("Fuzzed body");
		this.handler = this.api.member(this.admin, "project_handler");
		Api.StartedOnSample started = this.api.startOnSampleReport(this.admin, this.handler);
		String workflowId = started.workflowId();
		String bucket = started.bucketId();
		String document = started.documentId();
		String assessment = started.assessmentId();
		Eventually.until(Duration.ofSeconds(60),
				() -> this.api.get("/v1/assessments/" + assessment, this.handler.token())
					.json()
					.at("/status")
					.asString(),
				"completed"::equals);
		String result = this.api.get("/v1/assessments/" + assessment + "/results", this.handler.token())
			.expect(200)
			.json()
			.at("/items/0/id")
			.asString();
		String submission = started.assessment().at("/submission_id").asString();
		SignedUp stranger = this.api.signUp("Stranger body");
		JsonNode strangerWorkflow = this.api
			.post("/v1/workflows", stranger.token(), Map.of("name", "Theirs", "buckets",
					List.of(Map.of("name", "Theirs")), "criteria", List.of(Map.of("name", "C", "description", "D"))))
			.expect(201)
			.json();
		this.ids.addAll(
				List.of(workflowId, bucket, document, assessment, result, submission, this.handler.userId().toString(),
						strangerWorkflow.at("/id").asString(), strangerWorkflow.at("/buckets/0/id").asString(),
						stranger.userId().toString(), UUID.randomUUID().toString()));
		return new Fixture(workflowId, bucket, document, assessment, result, submission,
				this.handler.userId().toString());
	}

	private List<Seed> seeds(Fixture f) {
		String manager = this.admin.token();
		String handler = this.handler.token();
		List<Seed> seeds = new ArrayList<>();
		seeds.add(new Seed("POST", "/v1/signup", null, tree(Map.of("organization_name", "Body", "email",
				"fuzz@example.org", "password", "quartz lantern meadow 42", "name", "Fuzz"))));
		seeds.add(new Seed("POST", "/v1/auth/login", null,
				tree(Map.of("email", this.admin.email(), "password", "not it at all"))));
		Map<String, Object> workflow = Map.of("name", "W", "description", "D", "buckets",
				List.of(Map.of("name", "B", "description", "x", "required", true)), "criteria",
				List.of(Map.of("name", "C", "description", "D", "category", "Safety", "bucket_names", List.of("B"))));
		seeds.add(new Seed("POST", "/v1/workflows", manager, tree(workflow)));
		seeds.add(new Seed("PUT", "/v1/workflows/" + f.workflow(), manager, tree(workflow)));
		seeds.add(new Seed("PUT", "/v1/workflows/" + f.workflow() + "/sign-off", manager,
				tree(Map.of("policy", "four_eyes"))));
		seeds.add(new Seed("POST", "/v1/submissions", handler,
				tree(Map.of("workflow_id", f.workflow(), "reference", "NB-1", "manufacturer", "M", "product", "P",
						"device_class", "IIa", "owner_id", f.user(), "reviewer_id", f.user(), "due_date",
						"2026-12-24"))));
		seeds.add(new Seed("PATCH", "/v1/submissions/" + f.submission(), handler,
				tree(Map.of("product", "P2", "due_date", "2027-01-31", "reviewer_id", f.user()))));
		seeds.add(new Seed("POST", "/v1/submissions/" + f.submission() + "/runs", handler,
				tree(Map.of("documents", List.of(Map.of("bucket_id", f.bucket(), "document_id", f.document()))))));
		seeds.add(new Seed("POST", "/v1/assessments", handler,
				tree(Map.of("workflow_id", f.workflow(), "documents",
						List.of(Map.of("bucket_id", f.bucket(), "document_id", f.document())), "allow_missing_buckets",
						false))));
		seeds.add(new Seed("POST", "/v1/assessments/" + f.assessment() + "/rerun", handler, tree(Map.of("remove",
				List.of(f.document()), "add", List.of(Map.of("bucket_id", f.bucket(), "document_id", f.document()))))));
		String result = "/v1/assessments/" + f.assessment() + "/results/" + f.result();
		seeds.add(new Seed("POST", result + "/review", handler,
				tree(Map.of("decision", "overrule", "pass", true, "comment", "Seen on page 2."))));
		seeds.add(new Seed("POST", result + "/comments", handler, tree(Map.of("body", "Check page 2."))));
		seeds.add(new Seed("POST", "/v1/assessments/" + f.assessment() + "/sign-off", handler,
				tree(Map.of("statement", "Reviewed."))));
		seeds.add(new Seed("POST", "/v1/assessments/" + f.assessment() + "/reopen", manager,
				tree(Map.of("reason", "A page was missed."))));
		seeds.add(new Seed("POST", "/v1/assessments/" + f.assessment() + "/share", handler,
				tree(Map.of("expires_in_days", 7))));
		seeds.add(new Seed("POST", "/v1/users", manager, tree(Map.of("email", "new@example.org", "name", "New", "role",
				"project_handler", "password", "violet harbour engine 17"))));
		seeds.add(new Seed("PATCH", "/v1/users/" + f.user(), manager,
				tree(Map.of("name", "Renamed", "role", "project_handler", "is_active", true))));
		seeds.add(new Seed("POST", "/v1/api-tokens", manager, tree(Map.of("name", "ci", "expires_in_days", 30))));
		return seeds;
	}

	private void json(Seed seed) {
		byte[] body;
		String contentType = "application/json";
		int how = this.random.nextInt(10);
		if (how < 6) {
			body = JSON.writeValueAsBytes(mutate(seed.body().deepCopy(), 1 + this.random.nextInt(3)));
		}
		else if (how < 9) {
			body = mutateBytes(JSON.writeValueAsBytes(seed.body()));
		}
		else {
			body = JSON.writeValueAsBytes(seed.body());
			contentType = pick("text/plain", "application/xml", "application/json; charset=latin1",
					"multipart/form-data; boundary=x", "");
		}
		String path = this.random.nextInt(8) == 0 ? mutatePath(seed.path()) : seed.path();
		HttpRequest.Builder request = request(path, seed.token()).method(seed.method(),
				HttpRequest.BodyPublishers.ofByteArray(body));
		if (!contentType.isEmpty()) {
			request.header("Content-Type", contentType);
		}
		send(request, seed.method() + " " + preview(path.getBytes(StandardCharsets.UTF_8)) + " " + preview(body),
				path.length() > PATH_THE_SERVER_MAY_REFUSE_UNREAD);
	}

	private void list(Fixture f) {
		String path = pick("/v1/submissions", "/v1/documents", "/v1/audit-logs", "/v1/assessments", "/v1/workflows",
				"/v1/users", "/v1/submissions/my-work", "/v1/assessments/" + f.assessment() + "/results",
				"/v1/workflows/" + f.workflow() + "/criteria-analytics");
		StringBuilder query = new StringBuilder();
		for (int i = 0, n = this.random.nextInt(4); i < n; i++) {
			query.append(i == 0 ? '?' : '&')
				.append(pick("page", "limit", "sort", "q", "status", "workflow_id", "bucket_id", "from", "to", "action",
						"assignee", "needs_review", "cursor", "outcome", "review_state", "user_id"))
				.append('=')
				.append(java.net.URLEncoder.encode(scalar(), StandardCharsets.UTF_8));
		}
		send(request(path + query, this.admin.token()).GET(), "GET " + path + query,
				(path + query).length() > PATH_THE_SERVER_MAY_REFUSE_UNREAD);
	}

	private void upload(Fixture f) throws IOException {
		byte[] file = switch (this.random.nextInt(6)) {
			case 0 -> mutateBytes(SampleFiles.testReport());
			case 1 -> mutateBytes(SampleFiles.docx());
			case 2 -> splice(SampleFiles.testReport(), SampleFiles.docx());
			case 3 -> randomBytes(this.random.nextInt(4096));
			case 4 -> ("%PDF-1." + this.random.nextInt(10) + "\n" + scalar()).getBytes(StandardCharsets.UTF_8);
			default -> truncate(SampleFiles.docx());
		};
		String name = pick("report.pdf", "../../etc/passwd", "a\u0000b.pdf", "x".repeat(3000) + ".pdf", "\u202Efdp.exe",
				"", "report.docx", "CON", "résumé 📄.pdf", "report.pdf\r\nX-Injected: 1");
		String type = pick("application/pdf", "application/octet-stream", "text/html",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "", "image/png");
		String bucket = this.random.nextInt(4) == 0 ? pick(this.ids.toArray(String[]::new)) : f.bucket();
		String boundary = "fuzz" + this.random.nextInt(1_000_000);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (this.random.nextInt(8) != 0) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bucket_id\"\r\n\r\n"
					+ (this.random.nextInt(10) == 0 ? scalar() : bucket) + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		byte[] bytes = this.random.nextInt(6) == 0 ? mutateBytes(body.toByteArray()) : body.toByteArray();
		send(request("/v1/documents", this.handler.token())
			.header("Content-Type",
					"multipart/form-data; boundary=" + (this.random.nextInt(10) == 0 ? "other" : boundary))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "upload " + preview(name.getBytes()) + " as " + type,
				false);
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.api.base() + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private void send(HttpRequest.Builder request, String description, boolean mayBeRefusedUnread) {
		this.requests++;
		try {
			HttpResponse<String> response = this.api.httpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofString());
			this.statuses.merge(response.statusCode(), 1, Integer::sum);
			if (response.statusCode() >= 500) {
				this.failures.add(response.statusCode() + " for " + description + ": " + response.body());
				System.out.println("Server error " + this.failures.getLast());
			}
		}
		catch (IOException ex) {
			if (mayBeRefusedUnread) {
				this.statuses.merge(REFUSED_UNREAD, 1, Integer::sum);
			}
			else {
				this.failures.add("no answer for " + description + ": " + ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Changes {@code times} places in the tree: values, fields, nesting. */
	private JsonNode mutate(JsonNode tree, int times) {
		JsonNode result = tree;
		for (int i = 0; i < times; i++) {
			List<JsonNode> containers = new ArrayList<>();
			collect(result, containers);
			JsonNode target = containers.get(this.random.nextInt(containers.size()));
			if (target instanceof ObjectNode object && !object.isEmpty()) {
				List<String> names = new ArrayList<>(object.propertyNames());
				String name = names.get(this.random.nextInt(names.size()));
				switch (this.random.nextInt(4)) {
					case 0 -> object.remove(name);
					case 1 -> object.set(scalar(), value());
					default -> object.set(name, value());
				}
			}
			else if (target instanceof ArrayNode array) {
				if (!array.isEmpty() && this.random.nextBoolean()) {
					array.set(this.random.nextInt(array.size()), value());
				}
				else {
					array.add(value());
				}
			}
		}
		return this.random.nextInt(20) == 0 ? value() : result;
	}

	/**
	 * The containers of the tree down to a sane depth (a deep value is mutated as one).
	 */
	private static void collect(JsonNode root, List<JsonNode> containers) {
		java.util.ArrayDeque<Map.Entry<JsonNode, Integer>> pending = new java.util.ArrayDeque<>();
		pending.add(Map.entry(root, 0));
		while (!pending.isEmpty()) {
			Map.Entry<JsonNode, Integer> next = pending.poll();
			if (next.getKey().isContainer() && next.getValue() < 20) {
				containers.add(next.getKey());
				next.getKey().forEach(child -> pending.add(Map.entry(child, next.getValue() + 1)));
			}
		}
		if (containers.isEmpty()) {
			containers.add(NODES.objectNode());
		}
	}

	private JsonNode value() {
		return switch (this.random.nextInt(9)) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(this.random.nextBoolean());
			case 2 -> NODES.numberNode(pick(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 2147483648L, 1L));
			case 3 -> NODES.numberNode(pick(1e308, -0.0, 3.5, Double.MIN_VALUE));
			case 4 -> NODES.objectNode().put(scalar(), scalar());
			case 5 -> {
				ArrayNode array = NODES.arrayNode();
				for (int i = 0, n = this.random.nextInt(3); i < n; i++) {
					array.add(scalar());
				}
				yield array;
			}
			case 6 -> deep(this.random.nextInt(3000));
			case 7 -> NODES.stringNode(pick(this.ids.toArray(String[]::new)));
			default -> NODES.stringNode(scalar());
		};
	}

	private JsonNode deep(int depth) {
		JsonNode node = NODES.stringNode("bottom");
		for (int i = 0; i < depth; i++) {
			node = this.random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
		}
		return node;
	}

	private String scalar() {
		return switch (this.random.nextInt(14)) {
			case 0 -> "";
			case 1 -> "\u0000";
			case 2 -> "a\u0000b";
			case 3 -> "x".repeat(this.random.nextInt(200_000));
			case 4 -> "2147483647";
			case 5 -> "-1";
			case 6 -> "9".repeat(40);
			case 7 -> "' or 1=1 --";
			case 8 -> "<script>alert(1)</script>";
			case 9 -> "\uD83D\uDCC4\u202E\u0301\uFEFF";
			case 10 -> "\uD800";
			case 11 -> "2026-02-30";
			case 12 -> UUID.randomUUID().toString();
			default -> pick(this.ids.toArray(String[]::new));
		};
	}

	private String mutatePath(String path) {
		String[] parts = path.split("/");
		int index = 1 + this.random.nextInt(parts.length - 1);
		parts[index] = java.net.URLEncoder.encode(scalar(), StandardCharsets.UTF_8);
		return String.join("/", parts);
	}

	private byte[] mutateBytes(byte[] bytes) {
		byte[] copy = bytes.clone();
		switch (this.random.nextInt(4)) {
			case 0 -> {
				return truncate(copy);
			}
			case 1 -> {
				for (int i = 0, n = 1 + this.random.nextInt(16); i < n && copy.length > 0; i++) {
					copy[this.random.nextInt(copy.length)] ^= (byte) (1 << this.random.nextInt(8));
				}
				return copy;
			}
			case 2 -> {
				int at = copy.length == 0 ? 0 : this.random.nextInt(copy.length);
				byte[] inserted = randomBytes(1 + this.random.nextInt(64));
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.write(copy, 0, at);
				out.writeBytes(inserted);
				out.write(copy, at, copy.length - at);
				return out.toByteArray();
			}
			default -> {
				for (int i = 0, n = 1 + this.random.nextInt(8); i < n && copy.length > 0; i++) {
					copy[this.random.nextInt(copy.length)] = (byte) this.random.nextInt(256);
				}
				return copy;
			}
		}
	}

	private byte[] truncate(byte[] bytes) {
		return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : this.random.nextInt(bytes.length));
	}

	private byte[] splice(byte[] a, byte[] b) {
		int cut = this.random.nextInt(a.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(a, 0, cut);
		out.write(b, 0, this.random.nextInt(b.length));
		return out.toByteArray();
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	@SafeVarargs
	private <T> T pick(T... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private static JsonNode tree(Object value) {
		return JSON.valueToTree(value);
	}

	private static String preview(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
		return text.length() > 300 ? text.substring(0, 300) + "… (" + body.length + " bytes)" : text;
	}

	/**
	 * Every object in the document store belongs to a document row, or to a write still
	 * waiting for the sweeper; nothing is left in the scratch folder.
	 */
	private void assertNoStrayStoredObject() throws IOException {
		Path dataDir = Path.of(this.context.getEnvironment().getRequiredProperty("assay.data-dir"));
		Path store = Path.of(this.context.getEnvironment().getRequiredProperty("assay.documents.storage.directory"));
		Set<String> expected = new HashSet<>(this.database.asOwner()
			.sql("select organization_id || '/' || encode(sha256, 'hex') from documents"
					+ " union select storage_key from pending_store_writes")
			.query(String.class)
			.list());
		Set<String> stored = new HashSet<>();
		try (Stream<Path> files = Files.walk(store)) {
			files.filter(Files::isRegularFile).map(file -> store.relativize(file).toString()).forEach(stored::add);
		}
		assertThat(stored).as("objects in the store without a document").isSubsetOf(expected);
		Path scratch = Path
			.of(this.context.getEnvironment().getProperty("assay.documents.scratch-directory", dataDir + "/tmp"));
		try (Stream<Path> left = Files.list(scratch)) {
			// The office kept running between Word documents keeps its profile and bridge
			// script here until it stops (HelpersOnALeashTest sees them go).
			assertThat(
					left.filter(file -> !file.getFileName().toString().startsWith("assay-office-")).map(Path::toString))
				.as("files left in the scratch folder")
				.isEmpty();
		}
	}

}
