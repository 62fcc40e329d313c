package io.assay.platform.database;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One organisation with a row in every table that holds tenant data, written as the
 * owner: what the schema and isolation tests need before the modules that write them
 * exist.
 */
public record TenantGraph(UUID organization, UUID user, UUID workflow, UUID bucket, UUID criterion, UUID submission,
		UUID assessment, UUID document, UUID result, UUID token) {

	public static TenantGraph create(JdbcClient owner) {
		UUID organization = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		UUID workflow = UUID.randomUUID();
		UUID bucket = UUID.randomUUID();
		UUID criterion = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		UUID assessment = UUID.randomUUID();
		UUID document = UUID.randomUUID();
		UUID result = UUID.randomUUID();
		UUID token = UUID.randomUUID();
		owner.sql("insert into organizations (id, name) values (?, 'Graph org')").params(organization).update();
		owner.sql("insert into users (id, organization_id, email, name, role) values (?, ?, ?, 'Graph user', 'admin')")
			.params(user, organization, "graph-" + user + "@example.org")
			.update();
		owner.sql("insert into workflows (id, organization_id, created_by, name) values (?, ?, ?, 'Graph workflow')")
			.params(workflow, organization, user)
			.update();
		owner.sql(
				"insert into workflow_versions (workflow_id, version, organization_id, content) values (?, 1, ?, '{}')")
			.params(workflow, organization)
			.update();
		owner.sql("insert into buckets (id, workflow_id, organization_id, name) values (?, ?, ?, 'Test reports')")
			.params(bucket, workflow, organization)
			.update();
		owner.sql("""
				insert into documents (organization_id, bucket_id, file_name, file_size_bytes, file_type, sha256,
				                       page_count, storage_key)
				values (?, ?, 'report.pdf', 1024, 'pdf', sha256(convert_to(?, 'UTF8')), 1, 'graph')
				""").params(organization, bucket, bucket.toString()).update();
		owner
			.sql("insert into parsed_documents (organization_id, sha256, parser_version, content)"
					+ " values (?, sha256(convert_to(?, 'UTF8')), 1, '{}')")
			.params(organization, bucket.toString())
			.update();
		owner.sql("""
				insert into parsed_pages (organization_id, sha256, parser_version, number, width, height, text, lines,
				                          source, language, terms, terms_version)
				values (?, sha256(convert_to(?, 'UTF8')), 1, 1, 595, 842, 'Signed and dated.', '[]', 'TEXT_LAYER',
				        'english', '{"sign": 1, "date": 1}', 1)
				""").params(organization, bucket.toString()).update();
		owner
			.sql("insert into document_layouts (organization_id, sha256, layout_sha256, size_bytes)"
					+ " values (?, sha256(convert_to(?, 'UTF8')), sha256(convert_to(?, 'UTF8')), 2048)")
			.params(organization, bucket.toString(), bucket.toString())
			.update();
		owner
			.sql("insert into criteria (id, workflow_id, organization_id, name, description) "
					+ "values (?, ?, ?, 'Signed', 'Every document is signed and dated.')")
			.params(criterion, workflow, organization)
			.update();
		owner.sql("""
				insert into submissions (id, organization_id, workflow_id, reference, owner_id, created_by)
				values (?, ?, ?, 'GRAPH-1', ?, ?)
				""").params(submission, organization, workflow, user, user).update();
		owner.sql("""
				insert into assessments (id, organization_id, submission_id, run_number, workflow_id, workflow_version,
				                         created_by)
				values (?, ?, ?, 1, ?, 1, ?)
				""").params(assessment, organization, submission, workflow, user).update();
		owner.sql("""
				insert into assessment_documents (id, assessment_id, organization_id, bucket_id, file_name, storage_key,
				                                  file_size_bytes, file_type)
				values (?, ?, ?, ?, 'report.pdf', 'objects/report', 1024, 'pdf')
				""").params(document, assessment, organization, bucket).update();
		owner.sql("""
				insert into assessment_results (id, assessment_id, organization_id, criteria_id, pass, confidence,
				                                evidence_document_id, evidence_page)
				values (?, ?, ?, ?, true, 'high', ?, 1)
				""").params(result, assessment, organization, criterion, document).update();
		owner.sql("""
				insert into assessment_result_answers (result_id, organization_id, answer)
				values (?, ?, '{"judge": "graph"}')
				""").params(result, organization).update();
		owner.sql("""
				insert into result_comments (organization_id, assessment_id, result_id, author_id, author_name, body)
				values (?, ?, ?, ?, 'Graph user', 'A remark.')
				""").params(organization, assessment, result, user).update();
		owner.sql("""
				insert into assessment_sign_offs (organization_id, assessment_id, signed_by, signer_name, statement,
				                                  results_sha256, documents)
				values (?, ?, ?, 'Graph user', 'Checked.', sha256(convert_to(?, 'UTF8')), '[]')
				""").params(organization, assessment, user, assessment.toString()).update();
		owner.sql("insert into usage_months (organization_id, month, assessments) values (?, date '2026-01-01', 1)")
			.param(organization)
			.update();
		owner.sql("""
				insert into usage_workflow_months (organization_id, month, workflow_id, assessments)
				values (?, date '2026-01-01', ?, 1)
				""").params(organization, workflow).update();
		owner.sql("""
				insert into access_tokens (id, organization_id, user_id, kind, name, token_hash)
				values (?, ?, ?, 'personal', 'graph', sha256(convert_to(?, 'UTF8')))
				""").params(token, organization, user, token.toString()).update();
		owner.sql("""
				insert into invitations (organization_id, email, role, invited_by, token_hash, expires_at)
				values (?, ?, 'project_handler', ?, sha256(convert_to(?, 'UTF8')), now() + interval '1 day')
				""").params(organization, "invited-" + user + "@example.org", user, "invitation-" + token).update();
		owner.sql("""
				insert into password_resets (organization_id, user_id, token_hash, expires_at)
				values (?, ?, sha256(convert_to(?, 'UTF8')), now() + interval '1 hour')
				""").params(organization, user, "reset-" + token).update();
		owner.sql(
				"insert into recovery_codes (organization_id, user_id, code_hash) values (?, ?, sha256(convert_to(?, 'UTF8')))")
			.params(organization, user, "recovery-" + token)
			.update();
		owner.sql("""
				insert into login_challenges (organization_id, user_id, token_hash, expires_at)
				values (?, ?, sha256(convert_to(?, 'UTF8')), now() + interval '5 minutes')
				""").params(organization, user, "challenge-" + token).update();
		owner.sql("""
				insert into webhook_deliveries (organization_id, event, delivery_id, url, status_code, duration_ms)
				values (?, 'webhook.test', ?, 'https://hooks.example.org/assay', 204, 12)
				""").params(organization, token).update();
		owner.sql("""
				insert into organization_sso (organization_id, issuer, client_id, client_secret, authorization_uri,
				                              token_uri, jwk_set_uri)
				values (?, 'https://login.example.org', 'assay', '\\x00', 'https://login.example.org/authorize',
				        'https://login.example.org/token', 'https://login.example.org/keys')
				""").param(organization).update();
		owner.sql("insert into sso_domains (domain, organization_id) values (?, ?)")
			.params("graph-" + token.toString().substring(0, 8) + ".example", organization)
			.update();
		owner.sql("insert into audit_logs (organization_id, user_id, action) values (?, ?, 'graph_created')")
			.params(organization, user)
			.update();
		return new TenantGraph(organization, user, workflow, bucket, criterion, submission, assessment, document,
				result, token);
	}

	public long count(JdbcClient owner, String table, String column, UUID id) {
		return owner.sql("select count(*) from " + table + " where " + column + " = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

}
