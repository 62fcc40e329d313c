package io.assay.evaluation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a model call costs, from its token counts and a price table in US dollars per
 * million tokens ({@code assay.evaluation.prices}), in thousandths of a cent. A model
 * missing from the table costs nothing here and is logged once, rather than guessed.
 */
final class Pricing {

	/** Prices of one model, in US dollars per million tokens. */
	record Price(double input, double output, double cacheRead, double cacheWrite) {
	}

	private final Map<String, Price> prices;

	Pricing(Map<String, Price> prices) {
		this.prices = Map.copyOf(prices);
	}

	long millicents(CriterionJudge.@Nullable TokenUsage usage) {
		if (usage == null) {
			return 0;
		}
		Price price = price(usage.model());
		if (price == null) {
			return 0;
		}
		double dollars = (usage.input() * price.input() + usage.output() * price.output()
				+ usage.cacheRead() * price.cacheRead() + usage.cacheWrite() * price.cacheWrite()) / 1_000_000.0;
		return Math.round(dollars * 100 * 1000);
	}

	/** The price of a model, also when the provider answers with a dated name of it. */
	@Nullable Price price(String model) {
		Price exact = this.prices.get(model);
		if (exact != null) {
			return exact;
		}
		return this.prices.entrySet()
			.stream()
			.filter(entry -> model.startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

}
