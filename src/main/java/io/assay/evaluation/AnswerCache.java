package io.assay.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import io.assay.platform.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers of paid judges, kept per organisation by the hash of the whole question (judge,
 * model and prompt version, criterion, passages and their documents): an identical re-run
 * is answered from here without a second call.
 */
@Component
class AnswerCache {

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final JsonMapper json;

	AnswerCache(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, JsonMapper json) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.json = json;
	}

	byte[] key(CriterionJudge judge, CriterionJudge.Question question) {
		String identity = judge.cacheIdentity() + "\n" + this.json.writeValueAsString(question);
		try {
			return MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	Optional<CriterionJudge.Answer> find(byte[] key) {
		return this.transactions
			.execute(tx -> this.db.sql("select answer::text from judge_answers where question_hash = ?")
				.param(key)
				.query(String.class)
				.optional()
				.map(answer -> this.json.readValue(answer, CriterionJudge.Answer.class)));
	}

	void store(byte[] key, String judge, CriterionJudge.Answer answer) {
		this.transactions.executeWithoutResult(tx -> this.db.sql("""
				insert into judge_answers (organization_id, question_hash, judge, answer)
				values (?, ?, ?, cast(? as jsonb)) on conflict do nothing
				""")
			.params(this.tenants.requireOrganizationId(), key, judge, this.json.writeValueAsString(answer))
			.update());
	}

}
