-- The organisation's last webhook deliveries, each try with how it went, for the webhook
-- page: what was sent, the answer's status or why none came, and how long it took.
create table webhook_deliveries (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null references organizations (id) on delete cascade,
    event           varchar(50)  not null,
    delivery_id     uuid         not null,
    url             text         not null,
    status_code     integer,
    error           text,
    duration_ms     integer      not null constraint webhook_deliveries_duration_check check (duration_ms >= 0),
    created_at      timestamptz  not null default now()
);
create index webhook_deliveries_organization_idx on webhook_deliveries (organization_id, created_at desc, id desc);

grant select, insert, update, delete on webhook_deliveries to assay_application;
alter table webhook_deliveries enable row level security;
create policy webhook_deliveries_tenant on webhook_deliveries
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
