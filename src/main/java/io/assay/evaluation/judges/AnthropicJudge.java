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

	static final String TOGETHER_TOOL = "record_verdicts";

	private static final String TOGETHER_INSTRUCTIONS = Verdicts.INSTRUCTIONS + Verdicts.TOGETHER
			+ "\nRecord the verdicts with the record_verdicts tool.";

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
	public boolean answersTogether() {
		return true;
	}

	@Override
	public Answer judge(Question question) {
		Called called = ask(question.passages(), question.search(), Verdicts.criterion(question), INSTRUCTIONS, tool(),
				TOOL, Verdicts.outputTokens(1));
		return Verdicts.answer(called.input(), called.given(), raw(called, called.input(), 1), called.usage(),
				called.searches());
	}

	/**
	 * One call for all the questions, which share their passages: the documents are sent
	 * once, each criterion gets its own verdict through {@value #TOGETHER_TOOL}.
	 */
	@Override
	public List<@Nullable Answer> judgeTogether(List<Question> questions) {
		Question first = questions.getFirst();
		Called called = ask(first.passages(), first.search(), Verdicts.criteria(questions), TOGETHER_INSTRUCTIONS,
				togetherTool(), TOGETHER_TOOL, Verdicts.outputTokens(questions.size()));
		return Verdicts.answers(called.input().get("verdicts"), questions.size(), verdict -> Verdicts.answer(verdict,
				called.given(), raw(called, verdict, questions.size()), called.usage(), called.searches()));
	}

	/** What a call brought back: the recorded input, and what was given and searched. */
	private record Called(Message message, Map<?, ?> input, TokenUsage usage, long latencyMillis, List<Passage> given,
			List<CriterionJudge.Search> searches) {
	}

	private Called ask(List<Passage> passages, CriterionJudge.@Nullable DocumentSearch search, String criteria,
			String instructions, Tool record, String recordName, int maxTokens) {
		boolean searching = search != null && !search.spent();
		MessageCreateParams.Builder params = MessageCreateParams.builder()
			.model(this.model)
			.maxTokens(maxTokens)
			// Temperature 0: the same question gets the same answer. This SDK version
			// has no typed setter for it; the Messages API takes it in the body.
			.putAdditionalBodyProperty("temperature", JsonValue.from(0))
			// The instructions alone are the system prompt. The documents are data in
			// the user's message, ahead of the criteria: cached across calls.
			.systemOfTextBlockParams(List.of(TextBlockParam.builder().text(instructions).build()))
			.addTool(record)
			.toolChoice(searching ? ToolChoice.ofAny(ToolChoiceAny.builder().build()) : ToolChoice.ofTool(recordName))
			.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(TextBlockParam.builder()
				.text(Verdicts.documents(passages))
				.cacheControl(CacheControlEphemeral.builder().build())
				.build()), ContentBlockParam.ofText(TextBlockParam.builder().text(criteria).build())));
		if (searching) {
			params.addTool(searchTool());
		}
		List<CriterionJudge.Search> searches = new ArrayList<>();
		List<Passage> given = new ArrayList<>(passages);
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
			Optional<ToolUseBlock> verdict = uses.stream().filter(block -> block.name().equals(recordName)).findFirst();
			if (verdict.isPresent()) {
				return new Called(message, verdict.get()._input().convert(Map.class), usage,
						(System.nanoTime() - started) / 1_000_000, given, searches);
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
				params.toolChoice(ToolChoice.ofTool(recordName));
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

	/**
	 * The record of one criterion's verdict: the call's model, tokens and searches (the
	 * tokens of the whole call, shared by {@code together} criteria) and the verdict.
	 */
	private static String raw(Called called, Map<?, ?> verdict, int together) {
		TokenUsage usage = called.usage();
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("model", called.message().model().asString());
		raw.put("prompt_version", PROMPT_VERSION);
		raw.put("latency_ms", called.latencyMillis());
		raw.put("input_tokens", usage.input());
		raw.put("output_tokens", usage.output());
		raw.put("cache_read_input_tokens", usage.cacheRead());
		raw.put("cache_creation_input_tokens", usage.cacheWrite());
		raw.put("criteria_in_call", together);
		raw.put("searches", called.searches().stream().map(CriterionJudge.Search::query).toList());
		raw.put("verdict", verdict);
		return json(raw);
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
		Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
		verdictProperties().forEach((name, schema) -> properties.putAdditionalProperty(name, JsonValue.from(schema)));
		return Tool.builder()
			.name(TOOL)
			.description("Record the verdict on the criterion, with the evidence quoted from the documents.")
			.inputSchema(Tool.InputSchema.builder().properties(properties.build()).required(VERDICT_REQUIRED).build())
			.build();
	}

	/** One tool call with a verdict for each criterion, by its number. */
	private static Tool togetherTool() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("criterion", Map.of("type", "integer", "description", "The criterion's number"));
		properties.putAll(verdictProperties());
		List<String> required = new ArrayList<>(List.of("criterion"));
		required.addAll(VERDICT_REQUIRED);
		Map<String, Object> verdict = Map.of("type", "object", "properties", properties, "required", required);
		return Tool.builder()
			.name(TOGETHER_TOOL)
			.description("Record the verdict on every criterion, each with its number and the evidence quoted from "
					+ "the documents.")
			.inputSchema(Tool.InputSchema.builder()
				.properties(Tool.InputSchema.Properties.builder()
					.putAdditionalProperty("verdicts", JsonValue.from(Map.of("type", "array", "items", verdict)))
					.build())
				.required(List.of("verdicts"))
				.build())
			.build();
	}

	private static final List<String> VERDICT_REQUIRED = List.of("verdict", "confidence", "evidence", "reasoning");

	/** A verdict's fields as JSON schemas, in the order the model is asked for them. */
	private static Map<String, Object> verdictProperties() {
		Map<String, Object> evidence = Map.of("type", "object", "properties",
				Map.of("document_id", Map.of("type", "string"), "page", Map.of("type", "integer"), "section",
						Map.of("type", "string"), "quote",
						Map.of("type", "string", "description", "Word for word from the passage")),
				"required", List.of("document_id", "quote"));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("verdict", Map.of("type", "string", "enum", List.of("pass", "fail", "cannot_decide")));
		properties.put("confidence", Map.of("type", "string", "enum", List.of("high", "medium", "low")));
		properties.put("evidence", Map.of("type", "array", "items", evidence));
		properties.put("reasoning", Map.of("type", "string"));
		properties.put("searched_for", Map.of("type", "array", "items", Map.of("type", "string"), "description",
				"For a fail because the documents do not show something: what you looked for"));
		return properties;
	}

}
