package io.assay.evaluation;

import io.assay.evaluation.judges.AnthropicJudge;
import io.assay.evaluation.judges.OfflineJudge;
import io.assay.evaluation.judges.OpenAiCompatibleJudge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The judge chosen by configuration: Claude when a key is set, otherwise the offline
 * checker.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EvaluationConfiguration.class);

	@Bean(destroyMethod = "close")
	JudgeCapacity judgeCapacity(JdbcClient db, TransactionTemplate transactions, EvaluationProperties properties,
			JudgeMeters meters) {
		return new JudgeCapacity(db, transactions, properties.limits(), meters);
	}

	@Bean
	CriterionJudge criterionJudge(EvaluationProperties properties) {
		return chosenJudge(properties);
	}

	static CriterionJudge chosenJudge(EvaluationProperties properties) {
		EvaluationProperties.Anthropic anthropic = properties.anthropic();
		EvaluationProperties.OpenAi openai = properties.openai();
		String judge = switch (properties.judge()) {
			case "auto" -> anthropic.apiKey() != null ? "anthropic" : openai.baseUrl() != null ? "openai" : "offline";
			case "anthropic", "openai", "offline" -> properties.judge();
			default -> throw new IllegalStateException(
					"ASSAY_JUDGE must be auto, anthropic, openai or offline; it is '" + properties.judge() + "'");
		};
		if (judge.equals("openai")) {
			if (openai.baseUrl() == null) {
				throw new IllegalStateException("ASSAY_JUDGE is openai, so ASSAY_OPENAI_BASE_URL must be set");
			}
			log.info("Criteria are judged by {} at {}", openai.model(), openai.baseUrl());
			return new OpenAiCompatibleJudge(openai.baseUrl(), openai.apiKey(), openai.model(), openai.maxRetries(),
					openai.timeout());
		}
		if (judge.equals("anthropic")) {
			if (anthropic.apiKey() == null) {
				throw new IllegalStateException("ASSAY_JUDGE is anthropic, so ANTHROPIC_API_KEY must be set");
			}
			log.info("Criteria are judged by Claude ({})", anthropic.model());
			return new AnthropicJudge(anthropic.apiKey(), anthropic.baseUrl(), anthropic.model(),
					anthropic.maxRetries(), anthropic.timeout());
		}
		log.info("Criteria are judged by the offline checker (no model; set ANTHROPIC_API_KEY to use Claude)");
		return new OfflineJudge();
	}

}
