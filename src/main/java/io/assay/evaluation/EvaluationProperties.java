package io.assay.evaluation;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param judge who decides: {@code auto} (Claude when an Anthropic key is set, otherwise
 * the OpenAI-compatible endpoint when one is set, otherwise the offline checker),
 * {@code anthropic}, {@code openai} or {@code offline}
 * @param passageBudgetChars most characters of document text sent for one criterion
 * (about a quarter as many tokens); documents that fit are sent whole
 * @param criteriaPerCall most criteria over the same documents that a model judge decides
 * in one call, the documents sent once for all of them (each within its own passage
 * budget); 1 asks about each criterion alone
 * @param rankByMeaning whether pages that do not fit the budget are ranked by their
 * meaning as well as their words (a sentence embedding model run in the process; English
 * criteria only)
 * @param anthropic the Anthropic judge
 * @param openai the judge behind an OpenAI-compatible endpoint
 * @param limits the model provider's limits, kept by all copies of the service together
 * @param prices US dollars per million tokens by model name (input, output, cache-read,
 * cache-write)
 */
@ConfigurationProperties("assay.evaluation")
record EvaluationProperties(@DefaultValue("auto") String judge, @DefaultValue("60000") int passageBudgetChars,
		@DefaultValue("8") int criteriaPerCall, @DefaultValue("true") boolean rankByMeaning,
		@DefaultValue Anthropic anthropic, @DefaultValue OpenAi openai, @DefaultValue Limits limits,
		Map<String, Pricing.Price> prices) {

	/** Past this, the verdicts of one call would not fit the output a call may take. */
	static final int MOST_CRITERIA_PER_CALL = 16;

	EvaluationProperties {
		prices = prices == null ? Map.of() : prices;
		if (criteriaPerCall < 1 || criteriaPerCall > MOST_CRITERIA_PER_CALL) {
			throw new IllegalArgumentException(
					"The criteria put to the judge in one call (ASSAY_CRITERIA_PER_CALL) must be" + " from 1 to "
							+ MOST_CRITERIA_PER_CALL + ", not " + criteriaPerCall);
		}
	}

	/**
	 * What the model provider allows the account, shared by every copy of the service.
	 *
	 * @param concurrentCalls calls under way at once; also how many criteria of one
	 * assessment are judged side by side
	 * @param requestsPerMinute calls started in any minute
	 * @param tokensPerMinute tokens (input and output) of the calls started in any minute
	 * @param lease how long a call counts as under way unless its copy renews it (it
	 * does, every third of it, while the call lasts): the longest a copy that died keeps
	 * its places
	 */
	record Limits(@DefaultValue("8") int concurrentCalls, @DefaultValue("1000") int requestsPerMinute,
			@DefaultValue("400000") long tokensPerMinute, @DefaultValue("30s") Duration lease) {

		Limits {
			if (concurrentCalls < 1 || requestsPerMinute < 1 || tokensPerMinute < 1) {
				throw new IllegalArgumentException(
						"The judge's limits (concurrent calls, requests and tokens per minute) must each be at least 1");
			}
		}

	}

	/**
	 * @param apiKey {@code ANTHROPIC_API_KEY}
	 * @param baseUrl another endpoint speaking the Messages API (a proxy, a stand-in)
	 * @param maxRetries retries of 429, 529, 5xx and time-outs before a criterion is
	 * given up as not answered
	 * @param timeout longest one call may take
	 */
	/**
	 * Any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI, vLLM,
	 * Ollama).
	 *
	 * @param baseUrl up to and including the version, e.g. {@code http://vllm:8000/v1}
	 * @param apiKey sent as a bearer token when set
	 */
	record OpenAi(@Nullable String baseUrl, @Nullable String apiKey, @DefaultValue("gpt-4.1") String model,
			@DefaultValue("3") int maxRetries, @DefaultValue("300s") Duration timeout) {

		OpenAi {
			baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
			apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
		}

	}

	record Anthropic(@Nullable String apiKey, @Nullable String baseUrl, @DefaultValue("claude-sonnet-4-5") String model,
			@DefaultValue("3") int maxRetries, @DefaultValue("300s") Duration timeout) {

		Anthropic {
			apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
			baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
		}

	}

}
