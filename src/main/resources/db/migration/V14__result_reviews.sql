-- A person's verdict on an AI result: confirmed or overruled, with a comment, by whom and when.
-- The AI's answer (pass, confidence, evidence, reasoning) stays as it was; the verdict shown
-- is review_pass when there is a review. Every review is also in the audit trail.
alter table assessment_results
    add column review_decision varchar(20)
        constraint assessment_results_review_decision_check check (review_decision in ('confirm', 'overrule')),
    add column review_pass     boolean,
    add column review_comment  text,
    add column reviewed_by     uuid references users (id) on delete set null,
    add column reviewed_at     timestamptz,
    add constraint assessment_results_review_check check (
        (review_decision is null and review_pass is null and reviewed_at is null)
        or (review_decision is not null and review_pass is not null and reviewed_at is not null));
