-- Answers of model-backed judges, by the hash of everything the answer depends on (judge and
-- model, prompt version, the criterion's text, the passages sent and their documents), so
-- that asking the same again costs nothing.
create table judge_answers (
    organization_id uuid        not null references organizations (id) on delete cascade,
    question_hash   bytea       not null constraint judge_answers_question_hash_check check (octet_length(question_hash) = 32),
    judge           varchar(100) not null,
    answer          jsonb       not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, question_hash)
);

grant select, insert on judge_answers to assay_application;
alter table judge_answers enable row level security;
create policy judge_answers_tenant on judge_answers
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
