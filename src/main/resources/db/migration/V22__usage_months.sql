-- Usage per organisation and calendar month (UTC), kept by billing itself: a run counts when
-- it starts, its AI cost when it ends. Billing reads no other module's rows, and the tier's
-- monthly limit is checked and counted in one statement, so that concurrent starts cannot
-- pass it together.
create table usage_months (
    organization_id uuid    not null references organizations (id) on delete cascade,
    month           date    not null constraint usage_months_month_check check (extract(day from month) = 1),
    assessments     integer not null default 0 constraint usage_months_assessments_check check (assessments >= 0),
    ai_cost_cents   bigint  not null default 0 constraint usage_months_ai_cost_cents_check check (ai_cost_cents >= 0),
    primary key (organization_id, month)
);

grant select, insert, update on usage_months to assay_application;
alter table usage_months enable row level security;
create policy usage_months_tenant on usage_months
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

insert into usage_months (organization_id, month, assessments, ai_cost_cents)
select organization_id, date_trunc('month', created_at at time zone 'UTC')::date, count(*),
       coalesce(sum(ai_cost_cents), 0)
  from assessments
 group by 1, 2;
