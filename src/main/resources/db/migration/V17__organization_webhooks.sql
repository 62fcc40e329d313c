-- Where an organisation wants to hear that an assessment ended: one HTTPS endpoint, and the
-- secret its deliveries are signed with (HMAC-SHA256). The secret is shown to the
-- administrator once, when the webhook is set; it is kept to sign, so it is stored as is.
create table organization_webhooks (
    organization_id uuid primary key references organizations (id) on delete cascade,
    url             varchar(2000) not null,
    secret          varchar(200)  not null,
    created_by      uuid references users (id) on delete set null,
    created_at      timestamptz   not null default now()
);

grant select, insert, update, delete on organization_webhooks to assay_application;
alter table organization_webhooks enable row level security;
create policy organization_webhooks_tenant on organization_webhooks
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
