package io.assay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server standing in for Anthropic's Messages API: it answers each POST to
 * /v1/messages with the next scripted reply (status, headers, body, delay) and records
 * the requests it received.
 */
public final class StandInMessagesApi implements AutoCloseable {

	public record Reply(int status, String body, String retryAfter, long delayMillis) {

		public static Reply ok(String body) {
			return new Reply(200, body, null, 0);
		}

	}

	public record Received(String apiKey, String body) {
	}

	private final HttpServer server;

	private final Deque<Reply> replies = new ArrayDeque<>();

	private final List<Received> received = new ArrayList<>();

	private @Nullable Function<String, Reply> responder;

	private int inFlight;

	private int mostInFlight;

	/**
	 * The engine tests' clients give up after 1.5 s: a reply slower than this was
	 * abandoned by its client, and its lingering here holds none of the client's call
	 * slots, so it is not counted as in flight.
	 */
	private static final long ABANDONED_AFTER_MILLIS = 3_000;

	public StandInMessagesApi() throws IOException {
		this("/v1/messages");
	}

	/**
	 * A stand-in answering at another path: {@code /v1/chat/completions} for OpenAI's
	 * API.
	 */
	public StandInMessagesApi(String path) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(path, exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Reply reply;
			synchronized (this) {
				String key = exchange.getRequestHeaders().getFirst("x-api-key");
				if (key == null) {
					key = exchange.getRequestHeaders().getFirst("Authorization");
				}
				this.received.add(new Received(key, body));
				if (!this.replies.isEmpty()) {
					reply = this.replies.poll();
				}
				else if (this.responder != null) {
					reply = this.responder.apply(body);
				}
				else {
					reply = new Reply(500, "{\"type\":\"error\"}", null, 0);
				}
				if (reply.delayMillis() < ABANDONED_AFTER_MILLIS) {
					this.inFlight++;
					this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
				}
			}
			try {
				answer(exchange, reply);
			}
			finally {
				if (reply.delayMillis() < ABANDONED_AFTER_MILLIS) {
					synchronized (this) {
						this.inFlight--;
					}
				}
			}
		});
		// Requests are answered side by side, as a provider does.
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	private static void answer(HttpExchange exchange, Reply reply) {
		if (reply.delayMillis() > 0) {
			try {
				Thread.sleep(reply.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (reply.retryAfter() != null) {
			exchange.getResponseHeaders().add("retry-after", reply.retryAfter());
		}
		try {
			exchange.sendResponseHeaders(reply.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException ex) {
			// The client gave up waiting (a time-out test).
		}
	}

	/** A stand-in for a test class's static field: failing to start is unchecked. */
	public static StandInMessagesApi started() {
		try {
			return new StandInMessagesApi();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Has the service under test judge with Claude, at this stand-in. */
	public void judgeWithClaude(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("assay.evaluation.judge", () -> "anthropic");
		registry.add("assay.evaluation.anthropic.api-key", () -> "test-key");
		registry.add("assay.evaluation.anthropic.base-url", this::baseUrl);
		registry.add("assay.evaluation.anthropic.model", () -> "claude-test");
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public synchronized void then(Reply reply) {
		this.replies.add(reply);
	}

	/**
	 * Answers every request for which no reply is scripted by asking {@code responder}
	 * with the request's body.
	 */
	public synchronized void answerWith(Function<String, Reply> responder) {
		this.responder = body -> together(body, responder);
	}

	/**
	 * Answers every request for which no reply is scripted by asking {@code responder}
	 * with the request's body, a call for several criteria too.
	 */
	public synchronized void answerAsIs(Function<String, Reply> responder) {
		this.responder = responder;
	}

	/** "Criterion 2: " as a call for several criteria numbers them. */
	private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("Criterion (\\d+): ");

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	/**
	 * A call for several criteria answered as a model would: {@code responder} is asked
	 * about each criterion in turn, with the request as if it asked about that one alone
	 * (its "Criterion N: " made "Criterion: "), and its verdicts are given together, each
	 * with its number. A reply that is not a verdict (an error, a search) is the reply to
	 * the whole call.
	 */
	private static Reply together(String body, Function<String, Reply> responder) {
		java.util.regex.Matcher numbered = NUMBERED.matcher(body);
		List<String> numbers = new ArrayList<>();
		while (numbered.find()) {
			numbers.add(numbered.group(1));
		}
		if (numbers.size() < 2) {
			return responder.apply(body);
		}
		List<Object> verdicts = new ArrayList<>();
		tools.jackson.databind.JsonNode first = null;
		for (String number : numbers) {
			Reply reply = responder.apply(body.replace("Criterion " + number + ": ", "Criterion: "));
			if (reply.status() != 200) {
				return reply;
			}
			tools.jackson.databind.JsonNode answer = JSON.readTree(reply.body());
			Map<String, Object> verdict = verdictIn(answer);
			if (verdict == null) {
				return reply;
			}
			verdict.put("criterion", Integer.parseInt(number));
			verdicts.add(verdict);
			first = first == null ? answer : first;
		}
		if (first.has("choices")) {
			Map<String, Object> answer = JSON.convertValue(first, Map.class);
			String content = JSON.writeValueAsString(Map.of("verdicts", verdicts));
			((Map<String, Object>) ((Map<String, Object>) ((List<Object>) answer.get("choices")).getFirst())
				.get("message")).put("content", content);
			return Reply.ok(JSON.writeValueAsString(answer));
		}
		Map<String, Object> answer = JSON.convertValue(first, Map.class);
		answer.put("content", List.of(Map.of("type", "tool_use", "id", "toolu_together", "name", "record_verdicts",
				"input", Map.of("verdicts", verdicts))));
		return Reply.ok(JSON.writeValueAsString(answer));
	}

	/** The verdict a single-criterion answer gives; null for anything else. */
	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> verdictIn(tools.jackson.databind.JsonNode answer) {
		if (answer.has("choices")) {
			tools.jackson.databind.JsonNode content = answer.at("/choices/0/message/content");
			if (!content.isString()) {
				return null;
			}
			Map<String, Object> verdict = JSON.readValue(content.asString(), Map.class);
			return verdict.containsKey("verdict") ? new java.util.LinkedHashMap<>(verdict) : null;
		}
		for (tools.jackson.databind.JsonNode block : answer.path("content")) {
			if (block.path("name").asString("").equals("record_verdict")) {
				return new java.util.LinkedHashMap<>(JSON.convertValue(block.path("input"), Map.class));
			}
		}
		return null;
	}

	/** The most requests that were being answered at the same moment. */
	public synchronized int mostInFlight() {
		return this.mostInFlight;
	}

	public synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	/** A Messages API answer in which the model records a verdict with the tool. */
	public static String verdict(String verdict, String confidence, String documentId, int page, String quote) {
		return """
				{"id":"msg_test","type":"message","role":"assistant","model":"claude-test",
				 "content":[{"type":"tool_use","id":"toolu_1","name":"record_verdict",
				   "input":{"verdict":"%s","confidence":"%s","reasoning":"Checked the passages.",
				            "evidence":[{"document_id":"%s","page":%d,"quote":"%s"}]}}],
				 "stop_reason":"tool_use","stop_sequence":null,
				 "usage":{"input_tokens":1200,"output_tokens":80,"cache_read_input_tokens":1000,
				          "cache_creation_input_tokens":0}}
				""".formatted(verdict, confidence, documentId, page, quote);
	}

	/** A chat completions answer whose message is {@code content}. */
	public static String chatCompletion(String content) {
		return """
				{"id":"chatcmpl-test","object":"chat.completion","model":"gpt-test",
				 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%s}}],
				 "usage":{"prompt_tokens":1500,"completion_tokens":100,"prompt_tokens_details":{"cached_tokens":500}}}
				""".formatted(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(content));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
