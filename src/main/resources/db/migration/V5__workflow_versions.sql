-- Workflow versions. Every change to a workflow bumps workflows.version and stores the
-- complete new content in workflow_versions, so that any version an assessment ran with
-- can be read back exactly. Buckets and criteria keep their ids across versions; one that
-- a change removes is retired (retired_in_version), never deleted, because documents and
-- results of earlier assessments point to it (the seed's RESTRICT rules).

alter table buckets add column retired_in_version integer
    constraint buckets_retired_in_version_check check (retired_in_version >= 2);
alter table criteria add column retired_in_version integer
    constraint criteria_retired_in_version_check check (retired_in_version >= 2);
create index buckets_current_idx on buckets (workflow_id, order_index) where retired_in_version is null;
create index criteria_current_idx on criteria (workflow_id, order_index) where retired_in_version is null;

create table workflow_versions (
    workflow_id     uuid        not null,
    version         integer     not null constraint workflow_versions_version_check check (version >= 1),
    organization_id uuid        not null,
    content         jsonb       not null,
    created_by      uuid        references users (id) on delete set null,
    created_at      timestamptz not null default now(),
    primary key (workflow_id, version),
    constraint workflow_versions_workflow_fkey
        foreign key (workflow_id, organization_id) references workflows (id, organization_id) on delete cascade
);
create index workflow_versions_organization_id_idx on workflow_versions (organization_id);

grant select, insert on workflow_versions to assay_application;
alter table workflow_versions enable row level security;
create policy workflow_versions_tenant on workflow_versions
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
