package io.assay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the running service over real HTTP, as any API client would: JSON in, status
 * and JSON out.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private static final java.util.regex.Pattern CSRF_FIELD = java.util.regex.Pattern
		.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http;

	/** The browser's language preference sent with every request, if any. */
	private final @Nullable String acceptLanguage;

	public Api(String base) {
		this(base, HttpClient.newHttpClient());
	}

	private Api(String base, HttpClient http) {
		this(base, http, null);
	}

	private Api(String base, HttpClient http, @Nullable String acceptLanguage) {
		this.base = base;
		this.http = http;
		this.acceptLanguage = acceptLanguage;
	}

	/** This client, with a browser's language preference ("de-AT, en;q=0.5"). */
	public Api acceptingLanguage(String acceptLanguage) {
		return new Api(this.base, this.http, acceptLanguage);
	}

	/**
	 * The same service seen from another client address on the loopback network
	 * ({@code 127.0.0.2} and so on): for limits kept per client.
	 */
	public Api from(String loopbackAddress) {
		try {
			return new Api(this.base,
					HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName(loopbackAddress)).build());
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * A client that keeps cookies and does not follow redirects, as a browser's session
	 * would look at the HTTP level: for page flows with forms and CSRF tokens.
	 */
	public Api browserSession() {
		return new Api(this.base,
				HttpClient.newBuilder()
					.cookieHandler(new java.net.CookieManager())
					.followRedirects(HttpClient.Redirect.NEVER)
					.build(),
				this.acceptLanguage);
	}

	/** Signs this browser session in through the login form. */
	public Api signInWithForm(SignedUp user) {
		Response page = get("/login", null).expect(200);
		form("/login", page, Map.of("email", user.email(), "password", user.password())).expect(302);
		return this;
	}

	/** Submits a form as the page that holds it would, with that page's CSRF token. */
	public Response form(String action, Response page, Map<String, String> fields) {
		java.util.regex.Matcher csrf = CSRF_FIELD.matcher(page.body());
		assertThat(csrf.find()).as("a CSRF field on the page").isTrue();
		StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf.group(1)));
		fields.forEach((name, value) -> body.append('&').append(encode(name)).append('=').append(encode(value)));
		return send(request(action, null).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	public HttpClient httpClient() {
		return this.http;
	}

	public String base() {
		return this.base;
	}

	/**
	 * A response: its status, headers and body, the body also read as JSON when it is.
	 */
	public record Response(int status, HttpResponse<String> raw) {

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String body() {
			return this.raw.body();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public Response expect(int expected) {
			assertThat(this.status).as("HTTP status; body: %s", this.raw.body()).isEqualTo(expected);
			return this;
		}

	}

	/** An organisation just signed up through the API, with its administrator's token. */
	public record SignedUp(UUID organizationId, UUID userId, String email, String password, String token) {
	}

	public SignedUp signUp(String organizationName) {
		String email = "admin-" + UUID.randomUUID() + "@example.org";
		String password = "quartz lantern meadow 42";
		JsonNode body = post("/v1/signup", null, Map.of("organization_name", organizationName, "email", email,
				"password", password, "name", "Admin of " + organizationName))
			.expect(201)
			.json();
		return new SignedUp(UUID.fromString(body.at("/organization/id").asString()),
				UUID.fromString(body.at("/user/id").asString()), email, password, body.at("/access_token").asString());
	}

	/** An assessment started on the sample test report, with what it was made of. */
	public record StartedOnSample(String workflowId, String bucketId, String documentId, JsonNode assessment) {

		public String assessmentId() {
			return this.assessment.at("/id").asString();
		}

	}

	/**
	 * A one-criterion workflow (biocompatibility, one bucket) made by {@code manager},
	 * the sample test report uploaded and an assessment started by {@code handler}.
	 */
	public StartedOnSample startOnSampleReport(SignedUp manager, SignedUp handler) throws java.io.IOException {
		return startOnOneDocument(manager, handler,
				List.of(Map.of("name", "Biocompatibility", "description",
						"A biological evaluation to ISO 10993-1 is documented.")),
				"report.pdf", io.assay.document.SampleFiles.testReport());
	}

	/**
	 * A workflow of one bucket and these criteria made by {@code manager}, the file
	 * uploaded into it (a PDF or, by its name, a Word document) and an assessment started
	 * by {@code handler}.
	 */
	public StartedOnSample startOnOneDocument(SignedUp manager, SignedUp handler,
			List<? extends Map<String, ?>> criteria, String fileName, byte[] content) {
		JsonNode workflow = post("/v1/workflows", manager.token(), Map.of("name", "Workflow " + UUID.randomUUID(),
				"buckets", List.of(Map.of("name", "Documents")), "criteria", criteria))
			.expect(201)
			.json();
		String bucket = workflow.at("/buckets/0/id").asString();
		String type = fileName.endsWith(".docx")
				? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/pdf";
		String document = upload(handler.token(), bucket, fileName, type, content).expect(201)
			.json()
			.at("/id")
			.asString();
		JsonNode assessment = start(handler, workflow.at("/id").asString(), bucket, document);
		return new StartedOnSample(workflow.at("/id").asString(), bucket, document, assessment);
	}

	/** Starts an assessment (a submission of its own) on one document in one bucket. */
	public JsonNode start(SignedUp handler, String workflowId, String bucketId, String documentId) {
		return post("/v1/assessments", handler.token(), Map.of("workflow_id", workflowId, "documents",
				List.of(Map.of("bucket_id", bucketId, "document_id", documentId))))
			.expect(202)
			.json();
	}

	/** Waits (up to two minutes) for an assessment to complete. */
	public void awaitCompleted(String assessmentId, String token) {
		Eventually.until(java.time.Duration.ofMinutes(2),
				() -> get("/v1/assessments/" + assessmentId, token).expect(200).json().at("/status").asString(),
				"completed"::equals);
	}

	/**
	 * Creates a user with the given role in the admin's organisation and signs them in.
	 */
	public SignedUp member(SignedUp admin, String role) {
		String email = role + "-" + UUID.randomUUID() + "@example.org";
		String password = "violet harbour engine 17";
		JsonNode created = post("/v1/users", admin.token(),
				Map.of("email", email, "name", "A " + role, "role", role, "password", password))
			.expect(201)
			.json();
		String token = post("/v1/auth/login", null, Map.of("email", email, "password", password)).expect(200)
			.json()
			.at("/access_token")
			.asString();
		return new SignedUp(admin.organizationId(), UUID.fromString(created.at("/user/id").asString()), email, password,
				token);
	}

	/**
	 * Creates a workflow with one bucket and one criterion and answers the bucket's id:
	 * the least a test needs to upload documents.
	 */
	public String oneBucketWorkflow(String token, String name) {
		return post("/v1/workflows", token,
				Map.of("name", name, "buckets", List.of(Map.of("name", "Documents")), "criteria",
						List.of(Map.of("name", "Signed", "description", "Every document is signed and dated."))))
			.expect(201)
			.json()
			.at("/buckets/0/id")
			.asString();
	}

	public Response get(String path, @Nullable String token) {
		return send(request(path, token).GET());
	}

	public Response delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE());
	}

	/** A DELETE with a JSON body (a confirmation, say). */
	public Response delete(String path, @Nullable String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	public Response post(String path, @Nullable String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
	}

	/**
	 * Uploads a file as a browser's form would: multipart, with the given name and
	 * declared type.
	 */
	public Response upload(String token, String bucketId, String fileName, String declaredType, byte[] content) {
		String boundary = "assay-test-" + UUID.randomUUID();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
		body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bucket_id\"\r\n\r\n" + bucketId + "\r\n")
					.getBytes(utf8));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + declaredType + "\r\n\r\n")
			.getBytes(utf8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
		return send(request("/v1/documents", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** The raw bytes of a response, for downloads. */
	public HttpResponse<byte[]> getBytes(String path, String token, String... headers) {
		try {
			HttpRequest.Builder request = request(path, token).GET();
			if (headers.length > 0) {
				request.headers(headers);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Response put(String path, @Nullable String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers
				.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
	}

	public Response patch(String path, @Nullable String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers
				.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
	}

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, @Nullable String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("User-Agent", "assay-tests");
		if (this.acceptLanguage != null) {
			builder.header("Accept-Language", this.acceptLanguage);
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

}
