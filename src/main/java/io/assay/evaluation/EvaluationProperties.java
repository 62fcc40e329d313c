package io.assay.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param judge which judge decides: {@code offline} (no model, no key)
 * @param passageBudgetChars most characters of document text sent for one criterion
 * (about a quarter as many tokens); documents that fit are sent whole
 */
@ConfigurationProperties("assay.evaluation")
record EvaluationProperties(@DefaultValue("offline") String judge, @DefaultValue("60000") int passageBudgetChars) {
}
