package io.assay.evaluation.judges;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.assay.evaluation.JudgeUnavailableException;
import io.assay.evaluation.Passage;
import io.assay.evaluation.CriterionJudge;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A judge behind any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, …): the same contract as the Claude judge, asked for a JSON object, at
 * temperature 0. Rate limits (429, honouring {@code Retry-After}), server errors and
 * time-outs are retried with doubling waits; when the retries are used up the failure
 * propagates and the criterion is reported not answered.
 */
public final class OpenAiCompatibleJudge implements CriterionJudge {

	private static final Duration FIRST_WAIT = Duration.ofMillis(500);

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

	private final HttpClient http;

	private final URI endpoint;

	private final @Nullable String apiKey;

	private final String model;

	private final int maxRetries;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param baseUrl up to and including the version, e.g. {@code http://vllm:8000/v1}
	 */
	public OpenAiCompatibleJudge(String baseUrl, @Nullable String apiKey, String model, int maxRetries,
			Duration timeout) {
		this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
		this.apiKey = apiKey;
		this.model = model;
		this.maxRetries = maxRetries;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String name() {
		return "openai:" + this.model;
	}

	@Override
	public boolean cacheable() {
		return true;
	}

	@Override
	public String cacheIdentity() {
		return name() + "@" + this.endpoint + "/prompt-" + Verdicts.PROMPT_VERSION;
	}

	@Override
	public boolean answersTogether() {
		return true;
	}

	@Override
	public Answer judge(Question question) {
		Called called = ask(question.passages(), question.search(), Verdicts.criterion(question),
				Verdicts.INSTRUCTIONS + "\n" + Verdicts.JSON_FORMAT, "verdict");
		return Verdicts.answer(called.verdict(), called.given(), raw(called, called.verdict(), 1), called.tokens(),
				called.searches());
	}

	/** One call for all the questions, which share their passages. */
	@Override
	public List<@Nullable Answer> judgeTogether(List<Question> questions) {
		Question first = questions.getFirst();
		Called called = ask(first.passages(), first.search(), Verdicts.criteria(questions),
				Verdicts.INSTRUCTIONS + Verdicts.TOGETHER + "\n" + Verdicts.JSON_FORMAT_TOGETHER, "verdicts");
		return Verdicts.answers(called.verdict().get("verdicts"), questions.size(), verdict -> Verdicts.answer(verdict,
				called.given(), raw(called, verdict, questions.size()), called.tokens(), called.searches()));
	}

	/** What a call brought back: the answer's JSON, and what was given and searched. */
	private record Called(Map<?, ?> verdict, TokenUsage tokens, long latencyMillis, List<Passage> given,
			List<CriterionJudge.Search> searches) {
	}

	/**
	 * @param answered the field whose presence makes a reply the answer rather than a
	 * search
	 */
	private Called ask(List<Passage> passages, CriterionJudge.@Nullable DocumentSearch search, String asked,
			String system, String answered) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", this.model);
		body.put("temperature", 0);
		body.put("response_format", Map.of("type", "json_object"));
		// The instructions alone are the system message; the documents come as data in
		// the user's message, ahead of the criteria (a prefix the provider can cache).
		List<Map<String, Object>> messages = new ArrayList<>(List.of(Map.of("role", "system", "content", system),
				Map.of("role", "user", "content", Verdicts.documents(passages) + "\n" + asked
						+ (search == null || search.spent() ? "\nNo searches are possible: answer now." : ""))));
		body.put("messages", messages);
		List<CriterionJudge.Search> searches = new ArrayList<>();
		List<Passage> given = new ArrayList<>(passages);
		TokenUsage tokens = null;
		long started = System.nanoTime();
		// A search is asked for in JSON too ({"search_documents": "..."}): one more
		// turn, answered in the user's voice; servers without tool calls can do it.
		for (int turn = 0;; turn++) {
			JsonNode response = this.json.readTree(send(this.json.writeValueAsString(body)));
			JsonNode content = response.at("/choices/0/message/content");
			if (!content.isString()) {
				throw new IllegalStateException("the answer has no message content");
			}
			Map<?, ?> verdict = this.json.readValue(stripFences(content.asString()), Map.class);
			JsonNode usage = response.path("usage");
			// OpenAI counts cached prompt tokens within prompt_tokens (Anthropic reports
			// them apart): only the rest is billed at the full input price.
			long cached = usage.at("/prompt_tokens_details/cached_tokens").asLong(0);
			tokens = new TokenUsage(response.path("model").asString(this.model),
					Math.max(0, usage.path("prompt_tokens").asLong(0) - cached),
					usage.path("completion_tokens").asLong(0), cached, 0)
				.plus(tokens);
			Object query = verdict.get(Verdicts.SEARCH_TOOL);
			if (query == null || verdict.containsKey(answered)) {
				return new Called(verdict, tokens, (System.nanoTime() - started) / 1_000_000, given, searches);
			}
			if (search == null || turn >= Verdicts.MOST_TURNS) {
				throw new IllegalStateException("the model searched instead of answering");
			}
			List<Passage> found = search.find(String.valueOf(query));
			searches.add(Verdicts.search(String.valueOf(query), found));
			given.addAll(found);
			messages.add(Map.of("role", "assistant", "content", content.asString()));
			messages.add(Map.of("role", "user", "content", "Search results for \u201c" + query + "\u201d:\n"
					+ Verdicts.found(found) + (search.spent() ? "\nNo searches are left: answer now." : "")));
		}
	}

	/**
	 * The record of one criterion's verdict: the call's model, tokens (of the whole call,
	 * shared by {@code together} criteria) and searches, and the verdict.
	 */
	private String raw(Called called, Map<?, ?> verdict, int together) {
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("model", called.tokens().model());
		raw.put("prompt_version", Verdicts.PROMPT_VERSION);
		raw.put("latency_ms", called.latencyMillis());
		raw.put("input_tokens", called.tokens().input());
		raw.put("output_tokens", called.tokens().output());
		raw.put("cache_read_input_tokens", called.tokens().cacheRead());
		raw.put("criteria_in_call", together);
		raw.put("searches", called.searches().stream().map(CriterionJudge.Search::query).toList());
		raw.put("verdict", verdict);
		return this.json.writeValueAsString(raw);
	}

	/**
	 * Posts the request, retrying what the provider says is passing.
	 * @throws JudgeUnavailableException when no answer came back
	 */
	private String send(String body) {
		RuntimeException last = null;
		for (int attempt = 0; attempt <= this.maxRetries; attempt++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (this.apiKey != null) {
				request.header("Authorization", "Bearer " + this.apiKey);
			}
			Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempt, 6));
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status == 200) {
					return response.body();
				}
				last = new JudgeUnavailableException("the endpoint answered " + status);
				if (status == 429) {
					wait = response.headers()
						.firstValue("Retry-After")
						.map(OpenAiCompatibleJudge::seconds)
						.orElse(wait);
				}
				else if (status < 500) {
					throw last;
				}
			}
			catch (HttpTimeoutException ex) {
				last = new JudgeUnavailableException("no answer within " + this.timeout.toSeconds() + " s", ex);
			}
			catch (IOException ex) {
				last = new JudgeUnavailableException("the endpoint could not be reached: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw stopped(ex);
			}
			if (attempt < this.maxRetries) {
				sleep(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
			}
		}
		throw last;
	}

	private static Duration seconds(String retryAfter) {
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
		}
		catch (NumberFormatException ex) {
			return FIRST_WAIT;
		}
	}

	/** Some servers wrap the JSON in a Markdown code fence despite being asked not to. */
	private static String stripFences(String content) {
		String text = content.strip();
		if (text.startsWith("```")) {
			text = text.replaceFirst("^```(?:json)?\\s*", "").replaceFirst("\\s*```$", "");
		}
		return text;
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw stopped(ex);
		}
	}

	/**
	 * Stopped before the endpoint answered (the service shutting down, or the job
	 * stopping its other calls after one failed): no answer, so the criterion stays
	 * pending and is asked again, never recorded as not answered.
	 */
	private static JudgeUnavailableException stopped(InterruptedException ex) {
		return new JudgeUnavailableException("stopped before the endpoint answered", ex);
	}

}
