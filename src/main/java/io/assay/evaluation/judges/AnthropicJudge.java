package io.assay.evaluation.judges;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import com.anthropic.models.messages.ToolUseBlock;
import io.assay.evaluation.JudgeUnavailableException;
import io.assay.evaluation.CriterionJudge;
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
		MessageCreateParams params = MessageCreateParams.builder()
			.model(this.model)
			.maxTokens(2048)
			// Temperature 0: the same question gets the same answer. This SDK version
			// has no typed setter for it; the Messages API takes it in the body.
			.putAdditionalBodyProperty("temperature", JsonValue.from(0))
			// The instructions alone are the system prompt; the documents are in the
			// user's
			// message, as data, ahead of the criterion so that they are cached across the
			// criteria asked about the same passages.
			.systemOfTextBlockParams(List.of(TextBlockParam.builder().text(INSTRUCTIONS).build()))
			.addTool(tool())
			.toolChoice(ToolChoice.ofTool(TOOL))
			.addUserMessageOfContentBlockParams(List.of(
					ContentBlockParam.ofText(TextBlockParam.builder()
						.text(Verdicts.documents(question.passages()))
						.cacheControl(CacheControlEphemeral.builder().build())
						.build()),
					ContentBlockParam.ofText(TextBlockParam.builder().text(Verdicts.criterion(question)).build())))
			.build();
		long started = System.nanoTime();
		Message message;
		try {
			message = this.client.messages().create(params);
		}
		catch (com.anthropic.errors.AnthropicIoException | com.anthropic.errors.AnthropicServiceException
				| com.anthropic.errors.AnthropicRetryableException ex) {
			// After the SDK's own retries: unreachable, timed out, 5xx, 429, 529, or
			// refused.
			throw new JudgeUnavailableException("Anthropic could not be asked: " + ex.getMessage(), ex);
		}
		long latency = (System.nanoTime() - started) / 1_000_000;
		ToolUseBlock verdict = message.content()
			.stream()
			.flatMap(block -> block.toolUse().stream())
			.filter(block -> block.name().equals(TOOL))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the model answered without recording a verdict"));
		@SuppressWarnings("unchecked")
		Map<String, Object> input = verdict._input().convert(Map.class);
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("model", message.model().asString());
		raw.put("prompt_version", PROMPT_VERSION);
		raw.put("latency_ms", latency);
		raw.put("input_tokens", message.usage().inputTokens());
		raw.put("output_tokens", message.usage().outputTokens());
		raw.put("cache_read_input_tokens", message.usage().cacheReadInputTokens().orElse(0L));
		raw.put("cache_creation_input_tokens", message.usage().cacheCreationInputTokens().orElse(0L));
		raw.put("verdict", input);
		TokenUsage usage = new TokenUsage(message.model().asString(), message.usage().inputTokens(),
				message.usage().outputTokens(), message.usage().cacheReadInputTokens().orElse(0L),
				message.usage().cacheCreationInputTokens().orElse(0L));
		return Verdicts.answer(input, question, json(raw), usage);
	}

	private static String json(Map<String, Object> raw) {
		try {
			return ObjectMappers.jsonMapper().writeValueAsString(raw);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Cannot record the model's answer", ex);
		}
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
					.build())
				.required(List.of("verdict", "confidence", "evidence", "reasoning"))
				.build())
			.build();
	}

}
