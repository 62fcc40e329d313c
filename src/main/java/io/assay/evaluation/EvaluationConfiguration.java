package io.assay.evaluation;

import io.assay.evaluation.judges.OfflineJudge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The judge chosen by configuration. */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

	@Bean
	CriterionJudge criterionJudge(EvaluationProperties properties) {
		return switch (properties.judge()) {
			case "offline" -> new OfflineJudge();
			default -> throw new IllegalStateException(
					"ASSAY_JUDGE must be 'offline' (no model needed); it is '" + properties.judge() + "'");
		};
	}

}
