-- Usage per organisation, calendar month (UTC) and workflow, kept by billing beside the
-- organisation's totals (usage_months) and counted in the same transactions: a run when it
-- starts, its AI cost when it ends. GET /v1/billing/usage shows a month by workflow.
-- The workflow is named by id only: billing reads no other module's rows, and a workflow
-- is archived, never deleted.
create table usage_workflow_months (
    organization_id uuid    not null references organizations (id) on delete cascade,
    month           date    not null constraint usage_workflow_months_month_check check (extract(day from month) = 1),
    workflow_id     uuid    not null,
    assessments     integer not null default 0 constraint usage_workflow_months_assessments_check check (assessments >= 0),
    ai_cost_cents   bigint  not null default 0 constraint usage_workflow_months_ai_cost_cents_check check (ai_cost_cents >= 0),
    primary key (organization_id, month, workflow_id)
);

grant select, insert, update on usage_workflow_months to assay_application;
alter table usage_workflow_months enable row level security;
create policy usage_workflow_months_tenant on usage_workflow_months
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

insert into usage_workflow_months (organization_id, month, workflow_id, assessments, ai_cost_cents)
select organization_id, date_trunc('month', created_at at time zone 'UTC')::date, workflow_id, count(*),
       coalesce(sum(ai_cost_cents), 0)
  from assessments
 group by 1, 2, 3;
