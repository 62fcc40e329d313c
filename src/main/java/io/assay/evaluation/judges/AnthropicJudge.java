package io.assay.evaluation.judges;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolUseBlock;
import io.assay.evaluation.Citation;
import io.assay.evaluation.Confidence;
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

	/**
	 * Bump when the instructions or the schema change, so cached answers are not reused.
	 */
	public static final int PROMPT_VERSION = 1;

	private static final String INSTRUCTIONS = """
			You pre-assess a manufacturer's technical documentation for a notified body. You are given \
			one criterion and passages of the documents, each headed with its document id, file name, page \
			and section. Decide whether the documents meet the criterion, from these passages only.
			Rules:
			- Quote evidence word for word from the passages, with the document id and page it is on.
			- A criterion is met only if the passages show it; if they do not mention it, it is not met.
			- If the passages are not enough to decide, say cannot_decide rather than guess.
			- Missing a problem is worse than flagging one that a reviewer then clears.
			Record your verdict with the record_verdict tool.""";

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
			// Temperature 0: the same question gets the same answer (this SDK version has
			// no
			// typed setter for it, the Messages API takes it in the body).
			.putAdditionalBodyProperty("temperature", JsonValue.from(0))
			.systemOfTextBlockParams(List.of(TextBlockParam.builder().text(INSTRUCTIONS).build(),
					TextBlockParam.builder()
						.text(documents(question.passages()))
						.cacheControl(CacheControlEphemeral.builder().build())
						.build()))
			.addTool(tool())
			.toolChoice(ToolChoice.ofTool(TOOL))
			.addUserMessage(criterion(question))
			.build();
		long started = System.nanoTime();
		Message message = this.client.messages().create(params);
		long latency = (System.nanoTime() - started) / 1_000_000;
		ToolUseBlock verdict = message.content()
			.stream()
			.flatMap(block -> block.toolUse().stream())
			.filter(block -> block.name().equals(TOOL))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the model answered without recording a verdict"));
		@SuppressWarnings("unchecked")
		Map<String, Object> input = verdict._input().convert(Map.class);
		if (input == null) {
			throw new IllegalStateException("the verdict has no content");
		}
		String decision = String.valueOf(input.get("verdict"));
		Boolean pass = switch (decision) {
			case "pass" -> Boolean.TRUE;
			case "fail" -> Boolean.FALSE;
			case "cannot_decide" -> null;
			default -> throw new IllegalStateException("unknown verdict '" + decision + "'");
		};
		Confidence confidence = Confidence.valueOf(String.valueOf(input.get("confidence")).toUpperCase(Locale.ROOT));
		List<Citation> citations = new ArrayList<>();
		if (input.get("evidence") instanceof List<?> items) {
			for (Object item : items) {
				if (item instanceof Map<?, ?> evidence && evidence.get("quote") instanceof String quote) {
					citations.add(new Citation(documentId(evidence.get("document_id"), question.passages()),
							evidence.get("page") instanceof Number page ? page.intValue() : null,
							evidence.get("section") instanceof String section ? section : null, quote));
				}
			}
		}
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
		return new Answer(pass, confidence, citations, String.valueOf(input.get("reasoning")), json(raw), usage);
	}

	private static String json(Map<String, Object> raw) {
		try {
			return ObjectMappers.jsonMapper().writeValueAsString(raw);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Cannot record the model's answer", ex);
		}
	}

	private static @Nullable UUID documentId(@Nullable Object cited, List<Passage> passages) {
		if (cited == null) {
			return null;
		}
		String text = cited.toString().strip();
		return passages.stream()
			.map(Passage::documentId)
			.filter(id -> id.toString().equals(text))
			.findFirst()
			.orElseGet(() -> passages.stream()
				.filter(passage -> passage.fileName().equals(text))
				.map(Passage::documentId)
				.findFirst()
				.orElse(null));
	}

	private static String documents(List<Passage> passages) {
		StringBuilder text = new StringBuilder("The documents:\n");
		for (Passage passage : passages) {
			text.append("\n--- document_id: ")
				.append(passage.documentId())
				.append(" | file: ")
				.append(passage.fileName())
				.append(" | page: ")
				.append(passage.page() == null ? "none (no page numbers)" : passage.page())
				.append(" | section: ")
				.append(passage.section() == null ? "-" : passage.section())
				.append(" ---\n")
				.append(passage.text())
				.append('\n');
		}
		return text.toString();
	}

	private static String criterion(Question question) {
		return "Criterion: " + question.criterionName() + "\nWhat must be true: " + question.description()
				+ (question.exampleText() == null ? "" : "\nExample of text that meets it: " + question.exampleText());
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
