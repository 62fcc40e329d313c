-- Every foreign key gets an index starting with its columns, so that removing what it
-- points at (a person, a run, a stored document) finds the rows referring to it by index.
-- Mostly empty columns are indexed where they are set: a lookup by value implies that.
create index assessment_results_carried_over_from_idx on assessment_results (carried_over_from)
    where carried_over_from is not null;
create index assessment_results_evidence_document_idx on assessment_results (evidence_document_id)
    where evidence_document_id is not null;
create index assessment_results_reviewed_by_idx on assessment_results (reviewed_by) where reviewed_by is not null;
create index assessment_sign_offs_signed_by_idx on assessment_sign_offs (signed_by);
create index assessment_sign_offs_reopened_by_idx on assessment_sign_offs (reopened_by) where reopened_by is not null;
create index audit_seals_organization_idx on audit_seals (organization_id);
create index documents_uploaded_by_idx on documents (uploaded_by);
create index organization_webhooks_created_by_idx on organization_webhooks (created_by);
create index pending_store_writes_organization_idx on pending_store_writes (organization_id);
create index report_shares_assessment_id_idx on report_shares (assessment_id);
create index report_shares_created_by_idx on report_shares (created_by);
create index report_shares_revoked_by_idx on report_shares (revoked_by) where revoked_by is not null;
create index result_comments_author_idx on result_comments (author_id);
create index submissions_created_by_idx on submissions (created_by);
create index workflow_versions_created_by_idx on workflow_versions (created_by);

-- Indexes that others make redundant go: each costs every write of a table that reaches
-- tens of millions of rows. Results are read by run through the unique (assessment_id,
-- criteria_id) index, and their counts are stored on the run (V40). The global status and
-- date indexes on runs served no query of one organisation: the planner took them and
-- then discarded every other organisation's rows. The per-organisation ones are
-- prefixes of the run list's indexes (V38).
drop index assessment_results_assessment_id_idx;
drop index assessment_results_assessment_pass_idx;
drop index assessments_status_idx;
drop index assessments_created_at_idx;
drop index assessments_organization_id_idx;
drop index assessments_organization_status_idx;
