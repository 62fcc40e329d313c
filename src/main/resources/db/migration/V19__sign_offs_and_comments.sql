-- Who may sign off a run of a workflow's submissions: its owner, or (four eyes) anyone
-- allowed to review but the owner. A governance setting, not part of a workflow version.
alter table workflows add column sign_off_policy varchar(20) not null default 'owner'
    constraint workflows_sign_off_policy_check check (sign_off_policy in ('owner', 'four_eyes'));

-- A sign-off: a qualified person stands behind a run's results. It records who, when, their
-- statement and exactly what was signed (the digest of the run's verdicts and reviews and
-- the SHA-256 of every document). A reopen, with its reason, ends it; the row stays.
create table assessment_sign_offs (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null,
    assessment_id   uuid         not null,
    signed_by       uuid references users (id) on delete set null,
    signer_name     varchar(255) not null,
    signed_at       timestamptz  not null default now(),
    statement       text         not null constraint assessment_sign_offs_statement_check check (length(statement) > 0),
    results_sha256  bytea        not null
        constraint assessment_sign_offs_results_sha256_check check (octet_length(results_sha256) = 32),
    documents       jsonb        not null,
    reopened_by     uuid references users (id) on delete set null,
    reopened_at     timestamptz,
    reopen_reason   text,
    constraint assessment_sign_offs_reopen_check check (
        (reopened_at is null and reopen_reason is null)
        or (reopened_at is not null and reopen_reason is not null and length(reopen_reason) > 0)),
    constraint assessment_sign_offs_assessment_fkey
        foreign key (assessment_id, organization_id) references assessments (id, organization_id) on delete cascade
);
-- At most one sign-off stands for a run at a time.
create unique index assessment_sign_offs_standing_key on assessment_sign_offs (assessment_id) where reopened_at is null;
create index assessment_sign_offs_organization_id_idx on assessment_sign_offs (organization_id);

-- A short thread per criterion of a run, beside its verdict.
create table result_comments (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null,
    assessment_id   uuid        not null,
    result_id       uuid        not null references assessment_results (id) on delete cascade,
    author_id       uuid references users (id) on delete set null,
    author_name     varchar(255) not null,
    body            text        not null constraint result_comments_body_check check (length(body) between 1 and 4000),
    created_at      timestamptz not null default now(),
    constraint result_comments_assessment_fkey
        foreign key (assessment_id, organization_id) references assessments (id, organization_id) on delete cascade
);
create index result_comments_result_idx on result_comments (result_id, created_at);
create index result_comments_assessment_idx on result_comments (assessment_id);
create index result_comments_organization_id_idx on result_comments (organization_id);

grant select, insert, update on assessment_sign_offs to assay_application;
grant select, insert on result_comments to assay_application;

do $$
declare
    tenant_table text;
begin
    foreach tenant_table in array array['assessment_sign_offs', 'result_comments']
    loop
        execute format('alter table %I enable row level security', tenant_table);
        execute format('create policy %I on %I
                            using (organization_id = assay_current_organization())
                            with check (organization_id = assay_current_organization())',
                       tenant_table || '_tenant', tenant_table);
    end loop;
end
$$;
