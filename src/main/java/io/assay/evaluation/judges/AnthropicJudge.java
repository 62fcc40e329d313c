package io.assay.evaluation.judges;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import io.assay.evaluation.JudgeUnavailableException;
import io.assay.evaluation.CriterionJudge;
import io.assay.evaluation.Passage;
import org.jspecify.annotations.Nullable;

/**
 * Claude as the judge, through Anthropic's official Java SDK. The answer is structured by
 * forcing one tool call ({@value #TOOL}) whose input schema is the verdict; temperature
 * is 0. The documents go in a system block marked for prompt caching, so criteria that
 * share them pay for them once. Rate limits (429), overload (529), server errors and
 * time-outs are retried by the SDK as Anthropic documents them (honouring
 * {@code retry-after}); when the retries are used up the failure propagates and the
 * criterion is reported not answered.
 */
public final class AnthropicJudge implements CriterionJudge {

	static final String TOOL = "record_verdict";

	static final String SEARCH_TOOL = Verdicts.SEARCH_TOOL;

	/**
	 * Bump when the instructions or the schema change, so cached answers are not reused.
	 */
	public static final int PROMPT_VERSION = Verdicts.PROMPT_VERSION;

	private static final String INSTRUCTIONS = Verdicts.INSTRUCTIONS
			+ "\nRecord your verdict with the record_verdict tool.";

	private final AnthropicClient client;

	private final String model;

	public AnthropicJudge(String apiKey, @Nullable String baseUrl, String model, int maxRetries, Duration timeout) {
		AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
			.apiKey(apiKey)
			.maxRetries(maxRetries)
			.timeout(timeout);
		if (baseUrl != null && !baseUrl.isBlank()) {
			builder.baseUrl(baseUrl);
		}
		this.client = builder.build();
		this.model = model;
	}

	@Override
	public String name() {
		return "anthropic:" + this.model;
	}

	@Override
	public boolean cacheable() {
		return true;
	}

	@Override
	public String cacheIdentity() {
		return name() + "/prompt-" + PROMPT_VERSION;
	}

	@Override
	public Answer judge(Question question) {
		CriterionJudge.DocumentSearch search = question.search();
		boolean searching = search != null && !search.spent();
		MessageCreateParams.Builder params = MessageCreateParams.builder()
			.model(this.model)
			.maxTokens(2048)
			// Temperature 0: the same question gets the same answer. This SDK version
			// has no typed setter for it; the Messages API takes it in the body.
			.putAdditionalBodyProperty("temperature", JsonValue.from(0))
			// The instructions alone are the system prompt. The documents are data in
			// the user's message, ahead of the criterion: cached across criteria.
			.systemOfTextBlockParams(List.of(TextBlockParam.builder().text(INSTRUCTIONS).build()))
			.addTool(tool())
			.toolChoice(searching ? ToolChoice.ofAny(ToolChoiceAny.builder().build()) : ToolChoice.ofTool(TOOL))
			.addUserMessageOfContentBlockParams(List.of(
					ContentBlockParam.ofText(TextBlockParam.builder()
						.text(Verdicts.documents(question.passages()))
						.cacheControl(CacheControlEphemeral.builder().build())
						.build()),
					ContentBlockParam.ofText(TextBlockParam.builder().text(Verdicts.criterion(question)).build())));
		if (searching) {
			params.addTool(searchTool());
		}
		List<CriterionJudge.Search> searches = new ArrayList<>();
		List<Passage> given = new ArrayList<>(question.passages());
		TokenUsage usage = null;
		long started = System.nanoTime();
		// Each search is one more turn; the last turn must record the verdict.
		for (int turn = 0;; turn++) {
			Message message = create(params.build());
			TokenUsage used = new TokenUsage(message.model().asString(), message.usage().inputTokens(),
					message.usage().outputTokens(), message.usage().cacheReadInputTokens().orElse(0L),
					message.usage().cacheCreationInputTokens().orElse(0L));
			usage = used.plus(usage);
			List<ToolUseBlock> uses = message.content().stream().flatMap(block -> block.toolUse().stream()).toList();
			Optional<ToolUseBlock> verdict = uses.stream().filter(block -> block.name().equals(TOOL)).findFirst();
			if (verdict.isPresent()) {
				return answer(message, verdict.get(), usage, started, given, searches);
			}
			List<ToolUseBlock> asked = uses.stream().filter(block -> block.name().equals(SEARCH_TOOL)).toList();
			if (asked.isEmpty() || search == null || turn >= Verdicts.MOST_TURNS) {
				throw new IllegalStateException("the model answered without recording a verdict");
			}
			List<ContentBlockParam> results = new ArrayList<>();
			for (ToolUseBlock use : asked) {
				String query = String.valueOf(use._input().convert(Map.class).get("query"));
				List<Passage> found = search.find(query);
				searches.add(Verdicts.search(query, found));
				given.addAll(found);
				results.add(ContentBlockParam.ofToolResult(
						ToolResultBlockParam.builder().toolUseId(use.id()).content(Verdicts.found(found)).build()));
			}
			params.addMessage(message).addUserMessageOfContentBlockParams(results);
			if (search.spent()) {
				params.toolChoice(ToolChoice.ofTool(TOOL));
			}
		}
	}

	private Message create(MessageCreateParams params) {
		try {
			return this.client.messages().create(params);
		}
		catch (com.anthropic.errors.AnthropicIoException | com.anthropic.errors.AnthropicServiceException
				| com.anthropic.errors.AnthropicRetryableException ex) {
			// After the SDK's own retries: unreachable, timed out, 5xx, 429, 529, or
			// refused.
			throw new JudgeUnavailableException("Anthropic could not be asked: " + ex.getMessage(), ex);
		}
	}

	private Answer answer(Message message, ToolUseBlock verdict, TokenUsage usage, long started, List<Passage> given,
			List<CriterionJudge.Search> searches) {
		long latency = (System.nanoTime() - started) / 1_000_000;
		@SuppressWarnings("unchecked")
		Map<String, Object> input = verdict._input().convert(Map.class);
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("model", message.model().asString());
		raw.put("prompt_version", PROMPT_VERSION);
		raw.put("latency_ms", latency);
		raw.put("input_tokens", usage.input());
		raw.put("output_tokens", usage.output());
		raw.put("cache_read_input_tokens", usage.cacheRead());
		raw.put("cache_creation_input_tokens", usage.cacheWrite());
		raw.put("searches", searches.stream().map(CriterionJudge.Search::query).toList());
		raw.put("verdict", input);
		return Verdicts.answer(input, given, json(raw), usage, searches);
	}

	private static String json(Map<String, Object> raw) {
		try {
			return ObjectMappers.jsonMapper().writeValueAsString(raw);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Cannot record the model's answer", ex);
		}
	}

	private static Tool searchTool() {
		return Tool.builder()
			.name(SEARCH_TOOL)
			.description("Search the criterion's documents for passages not given yet: the best-matching pages for "
					+ "the words or phrases of the query.")
			.inputSchema(Tool.InputSchema.builder()
				.properties(Tool.InputSchema.Properties.builder()
					.putAdditionalProperty("query",
							JsonValue.from(Map.of("type", "string", "description", "Words or phrases to look for")))
					.build())
				.required(List.of("query"))
				.build())
			.build();
	}

	private static Tool tool() {
		Map<String, Object> evidence = Map.of("type", "object", "properties",
				Map.of("document_id", Map.of("type", "string"), "page", Map.of("type", "integer"), "section",
						Map.of("type", "string"), "quote",
						Map.of("type", "string", "description", "Word for word from the passage")),
				"required", List.of("document_id", "quote"));
		return Tool.builder()
			.name(TOOL)
			.description("Record the verdict on the criterion, with the evidence quoted from the documents.")
			.inputSchema(Tool.InputSchema.builder()
				.properties(Tool.InputSchema.Properties.builder()
					.putAdditionalProperty("verdict",
							JsonValue.from(Map.of("type", "string", "enum", List.of("pass", "fail", "cannot_decide"))))
					.putAdditionalProperty("confidence",
							JsonValue.from(Map.of("type", "string", "enum", List.of("high", "medium", "low"))))
					.putAdditionalProperty("evidence", JsonValue.from(Map.of("type", "array", "items", evidence)))
					.putAdditionalProperty("reasoning", JsonValue.from(Map.of("type", "string")))
					.putAdditionalProperty("searched_for",
							JsonValue.from(Map.of("type", "array", "items", Map.of("type", "string"), "description",
									"For a fail because the documents do not show something: what you looked for")))
					.build())
				.required(List.of("verdict", "confidence", "evidence", "reasoning"))
				.build())
			.build();
	}

}
