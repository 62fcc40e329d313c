-- Submissions: what a manufacturer sends for one product, under the notified body's own file
-- reference. Every run of the workflow over its documents (an assessment) belongs to one
-- submission; a re-run is the submission's next run. The submission carries who owns the
-- work, who reviews it and by when, and a copy of its latest run's state, so that lists
-- filter and sort on one table, on indexes that stay fast on deep pages.
create table submissions (
    id                   uuid primary key default gen_random_uuid(),
    organization_id      uuid         not null references organizations (id) on delete cascade,
    workflow_id          uuid         not null,
    reference            varchar(100) not null
        constraint submissions_reference_check check (length(btrim(reference)) > 0),
    manufacturer         varchar(300),
    product              varchar(300),
    device_class         varchar(100),
    model                varchar(200),
    standard             varchar(300),
    owner_id             uuid references users (id) on delete set null,
    reviewer_id          uuid references users (id) on delete set null,
    due_date             date,
    created_by           uuid references users (id) on delete set null,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    -- The latest run, as lists show and filter it; kept by the assessment module whenever
    -- a run starts, ends or is reviewed.
    latest_assessment_id uuid,
    latest_status        varchar(20),
    outcome              varchar(20)
        constraint submissions_outcome_check check (outcome in ('passed', 'failed', 'undecided')),
    review_state         varchar(20)  not null default 'not_started'
        constraint submissions_review_state_check check (review_state in ('not_started', 'in_review', 'signed_off')),
    needs_review         boolean      not null default false,
    run_count            integer      not null default 0
        constraint submissions_run_count_check check (run_count >= 0),
    -- Words of the reference, manufacturer and product, split at every sign ("CS-300" is
    -- "cs" and "300", not the number -300), for prefix search.
    search               tsvector generated always as (
        to_tsvector('simple', regexp_replace(coalesce(reference, '') || ' ' || coalesce(manufacturer, '') || ' '
                                             || coalesce(product, ''), '[^[:alnum:]]+', ' ', 'g'))) stored,
    constraint submissions_id_organization_key unique (id, organization_id),
    constraint submissions_workflow_same_organization_fkey
        foreign key (workflow_id, organization_id) references workflows (id, organization_id) on delete restrict
);
create unique index submissions_reference_key on submissions (organization_id, lower(reference));
create index submissions_organization_created_idx on submissions (organization_id, created_at desc, id desc);
create index submissions_organization_workflow_idx on submissions (organization_id, workflow_id, created_at desc, id desc);
create index submissions_organization_status_idx on submissions (organization_id, latest_status, created_at desc, id desc);
create index submissions_owner_idx on submissions (owner_id, created_at desc, id desc);
create index submissions_reviewer_idx on submissions (reviewer_id, created_at desc, id desc);
create index submissions_search_idx on submissions using gin (search);

grant select, insert, update, delete on submissions to assay_application;
alter table submissions enable row level security;
create policy submissions_tenant on submissions
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- A run's place in its submission, and where its review stands.
alter table assessments add column submission_id uuid;
alter table assessments add column run_number integer
    constraint assessments_run_number_check check (run_number >= 1);
alter table assessments add column review_state varchar(20) not null default 'not_started'
    constraint assessments_review_state_check check (review_state in ('not_started', 'in_review', 'signed_off'));

-- Existing assessments: each chain of re-runs becomes one submission, its runs numbered in
-- the order they were started. The reference is a running number per organisation.
create temporary table migrated_runs on commit drop as
with recursive chain(id, root) as (
    select id, id from assessments
     where previous_assessment_id is null
        or previous_assessment_id not in (select id from assessments)
    union all
    select a.id, c.root from assessments a join chain c on a.previous_assessment_id = c.id
)
select c.id, c.root,
       row_number() over (partition by c.root order by a.created_at, a.id) as run_number
  from chain c join assessments a on a.id = c.id;

create temporary table migrated_submissions on commit drop as
select a.id as root, gen_random_uuid() as submission_id, a.organization_id, a.workflow_id, a.created_by,
       a.created_at, w.name as product,
       'A-' || lpad(row_number() over (partition by a.organization_id order by a.created_at, a.id)::text, 5, '0')
           as reference
  from assessments a join workflows w on w.id = a.workflow_id
 where a.id in (select root from migrated_runs);

insert into submissions (id, organization_id, workflow_id, reference, product, owner_id, created_by, created_at,
                         updated_at)
select submission_id, organization_id, workflow_id, reference, product, created_by, created_by, created_at, created_at
  from migrated_submissions;

update assessments a set submission_id = s.submission_id, run_number = r.run_number
  from migrated_runs r join migrated_submissions s on s.root = r.root
 where a.id = r.id;

update assessments a set review_state = 'in_review'
 where exists (select from assessment_results r where r.assessment_id = a.id and r.review_decision is not null);

alter table assessments alter column submission_id set not null;
alter table assessments alter column run_number set not null;
alter table assessments
    add constraint assessments_submission_same_organization_fkey
        foreign key (submission_id, organization_id) references submissions (id, organization_id) on delete cascade;
alter table assessments add constraint assessments_submission_run_key unique (submission_id, run_number);
-- A re-run walks back to the run it was made from.
create index assessments_previous_assessment_id_idx on assessments (previous_assessment_id);

-- Copies the latest run's state onto its submission. The one place that says, in SQL, what a
-- submission's outcome is and whether it needs review (the Java verdict type says the same
-- per result): a result counts as the reviewer decided it; unreviewed, as the AI did when
-- it decided with more than low confidence; otherwise it needs review. Runs as the caller,
-- so row-level security applies.
create function assay_refresh_submission(refreshed uuid) returns void
    language sql volatile
as $$
    update submissions s
       set latest_assessment_id = l.id,
           latest_status = l.status,
           review_state = l.review_state,
           run_count = l.runs,
           outcome = case when l.status <> 'completed' then null
                          when l.failed > 0 then 'failed'
                          when l.undecided > 0 then 'undecided'
                          else 'passed' end,
           needs_review = l.status = 'completed' and l.undecided > 0,
           updated_at = now()
      from (select a.id, a.status, a.review_state,
                   (select count(*) from assessments c where c.submission_id = a.submission_id) as runs,
                   (select count(*) from assessment_results r
                     where r.assessment_id = a.id
                       and coalesce(r.review_pass, case when r.confidence <> 'low' then r.pass end) = false) as failed,
                   (select count(*) from assessment_results r
                     where r.assessment_id = a.id and r.review_decision is null
                       and (r.pass is null or r.confidence = 'low')) as undecided
              from assessments a
             where a.submission_id = refreshed
             order by a.run_number desc
             limit 1) l
     where s.id = refreshed
$$;
grant execute on function assay_refresh_submission(uuid) to assay_application;

select assay_refresh_submission(id) from submissions;
