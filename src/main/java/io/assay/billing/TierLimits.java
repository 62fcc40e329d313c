package io.assay.billing;

import org.jspecify.annotations.Nullable;

/**
 * What a subscription tier allows; a null limit means none.
 *
 * @param assessmentsPerMonth assessments an organisation may start in a calendar month
 * @param users accounts an organisation may have
 */
public record TierLimits(@Nullable Integer assessmentsPerMonth, @Nullable Integer users) {

	/** The limits of a tier as stored in {@code organizations.subscription_tier}. */
	public static TierLimits of(String tier) {
		return switch (tier) {
			case "trial" -> new TierLimits(25, 5);
			case "professional" -> new TierLimits(1000, 100);
			case "enterprise" -> new TierLimits(null, null);
			default -> throw new IllegalArgumentException("Unknown subscription tier " + tier);
		};
	}

}
