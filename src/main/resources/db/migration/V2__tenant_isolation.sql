-- Tenants are isolated by PostgreSQL itself: every table that holds an organisation's data
-- carries organization_id and has a row-level security policy keyed on the transaction-local
-- setting app.current_org, which Assay sets at the start of every transaction from the
-- authenticated user. A query that forgets its WHERE clause still sees one organisation.

-- The organisation bound to the current transaction, or null when none is bound (an unset
-- setting, or the '' a pooled connection keeps after an earlier transaction's set_config).
create function assay_current_organization() returns uuid
    language sql stable parallel safe
as $$ select nullif(current_setting('app.current_org', true), '')::uuid $$;

-- Children of workflows and assessments carry the organisation too, so that their policies
-- need no join, and composite foreign keys make it impossible for a child to sit in another
-- organisation than its parent.
alter table workflows add constraint workflows_id_organization_key unique (id, organization_id);
alter table assessments add constraint assessments_id_organization_key unique (id, organization_id);

alter table assessments
    add constraint assessments_workflow_same_organization_fkey
        foreign key (workflow_id, organization_id) references workflows (id, organization_id) on delete restrict;

alter table buckets add column organization_id uuid not null;
alter table buckets
    add constraint buckets_workflow_same_organization_fkey
        foreign key (workflow_id, organization_id) references workflows (id, organization_id) on delete cascade;
create index buckets_organization_id_idx on buckets (organization_id);

alter table criteria add column organization_id uuid not null;
alter table criteria
    add constraint criteria_workflow_same_organization_fkey
        foreign key (workflow_id, organization_id) references workflows (id, organization_id) on delete cascade;
create index criteria_organization_id_idx on criteria (organization_id);

alter table assessment_documents add column organization_id uuid not null;
alter table assessment_documents
    add constraint assessment_documents_assessment_same_organization_fkey
        foreign key (assessment_id, organization_id) references assessments (id, organization_id) on delete cascade;
create index assessment_documents_organization_id_idx on assessment_documents (organization_id);

alter table assessment_results add column organization_id uuid not null;
alter table assessment_results
    add constraint assessment_results_assessment_same_organization_fkey
        foreign key (assessment_id, organization_id) references assessments (id, organization_id) on delete cascade;
create index assessment_results_organization_id_idx on assessment_results (organization_id);

-- The role the application's login role is a member of. It owns nothing, is no superuser
-- and cannot bypass row-level security; migrations run as the owner of the tables instead.
do $$
begin
    if not exists (select from pg_roles where rolname = 'assay_application') then
        create role assay_application nologin nosuperuser nobypassrls noinherit;
    end if;
end
$$;

grant usage on schema public to assay_application;
grant execute on function assay_current_organization() to assay_application;

grant select, insert, update on organizations to assay_application;
grant select, insert, update, delete on users, workflows, buckets, criteria,
    assessments, assessment_documents, assessment_results to assay_application;
-- The audit trail is append-only for the application: no update or delete privilege at all
-- (and a trigger, in V4, refuses them for everyone else).
grant select, insert on audit_logs to assay_application;

alter table organizations enable row level security;
create policy organizations_tenant on organizations
    using (id = assay_current_organization())
    with check (id = assay_current_organization());

do $$
declare
    tenant_table text;
begin
    foreach tenant_table in array array['users', 'workflows', 'buckets', 'criteria', 'assessments',
                                        'assessment_documents', 'assessment_results']
    loop
        execute format('alter table %I enable row level security', tenant_table);
        execute format('create policy %I on %I
                            using (organization_id = assay_current_organization())
                            with check (organization_id = assay_current_organization())',
                       tenant_table || '_tenant', tenant_table);
    end loop;
end
$$;

-- An organisation reads only its own audit entries. Entries written with no organisation
-- bound (a failed login for an unknown email) are platform entries no tenant can read.
alter table audit_logs enable row level security;
create policy audit_logs_tenant_read on audit_logs for select
    using (organization_id = assay_current_organization());
create policy audit_logs_tenant_append on audit_logs for insert
    with check (organization_id is not distinct from assay_current_organization());
