-- The nine tables of the seed data model (shared/seed/database-schema-essentials.md),
-- with its CHECK constraints, indexes and foreign-key actions. Everything the product
-- adds beyond the seed comes in later migrations; docs/schema.md lists each deviation.

create table organizations (
    id                  uuid primary key default gen_random_uuid(),
    name                varchar(255) not null,
    subscription_tier   varchar(50)  not null default 'trial'
        constraint organizations_subscription_tier_check
        check (subscription_tier in ('trial', 'professional', 'enterprise')),
    subscription_status varchar(50)  not null default 'active'
        constraint organizations_subscription_status_check
        check (subscription_status in ('active', 'past_due', 'canceled', 'suspended')),
    settings            jsonb        not null default '{}'::jsonb,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now()
);

create table users (
    id               uuid primary key default gen_random_uuid(),
    organization_id  uuid         not null references organizations (id) on delete cascade,
    email            varchar(255) not null,
    name             varchar(255) not null,
    role             varchar(50)  not null
        constraint users_role_check
        check (role in ('process_manager', 'project_handler', 'admin')),
    auth_provider    varchar(50)  not null default 'local',
    auth_provider_id varchar(255),
    is_active        boolean      not null default true,
    last_login_at    timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);
-- One account per address across Assay: login finds the account by email alone.
create unique index users_email_key on users (lower(email));
create index users_organization_id_idx on users (organization_id);
create index users_auth_provider_id_idx on users (auth_provider_id);

create table workflows (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null references organizations (id) on delete cascade,
    created_by      uuid         references users (id) on delete set null,
    name            varchar(255) not null,
    description     text,
    version         integer      not null default 1
        constraint workflows_version_check check (version >= 1),
    is_active       boolean      not null default true,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create index workflows_organization_id_idx on workflows (organization_id);
create index workflows_created_by_idx on workflows (created_by);
create index workflows_is_active_idx on workflows (organization_id, is_active) where is_active = true;

create table buckets (
    id          uuid primary key default gen_random_uuid(),
    workflow_id uuid         not null references workflows (id) on delete cascade,
    name        varchar(255) not null,
    description text,
    required    boolean      not null default true,
    order_index integer      not null default 0
        constraint buckets_order_index_check check (order_index >= 0),
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);
create index buckets_workflow_id_idx on buckets (workflow_id);

create table criteria (
    id                    uuid primary key default gen_random_uuid(),
    workflow_id           uuid         not null references workflows (id) on delete cascade,
    name                  varchar(255) not null,
    description           text         not null,
    applies_to_bucket_ids uuid[]       not null default '{}',
    example_text          text,
    order_index           integer      not null default 0
        constraint criteria_order_index_check check (order_index >= 0),
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now()
);
create index criteria_workflow_id_idx on criteria (workflow_id);

create table assessments (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null references organizations (id) on delete cascade,
    workflow_id     uuid        not null references workflows (id) on delete restrict,
    created_by      uuid        references users (id) on delete set null,
    status          varchar(50) not null default 'pending'
        constraint assessments_status_check
        check (status in ('pending', 'processing', 'completed', 'failed')),
    started_at      timestamptz,
    completed_at    timestamptz,
    duration_ms     integer
        constraint assessments_duration_ms_check check (duration_ms >= 0),
    ai_cost_cents   integer     not null default 0
        constraint assessments_ai_cost_cents_check check (ai_cost_cents >= 0),
    error_message   text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index assessments_organization_id_idx on assessments (organization_id);
create index assessments_workflow_id_idx on assessments (workflow_id);
create index assessments_created_by_idx on assessments (created_by);
create index assessments_status_idx on assessments (status);
create index assessments_created_at_idx on assessments (created_at desc);
create index assessments_organization_status_idx on assessments (organization_id, status);

create table assessment_documents (
    id              uuid primary key default gen_random_uuid(),
    assessment_id   uuid          not null references assessments (id) on delete cascade,
    bucket_id       uuid          not null references buckets (id) on delete restrict,
    file_name       varchar(500)  not null,
    storage_key     varchar(1000) not null,
    file_size_bytes bigint        not null
        constraint assessment_documents_file_size_bytes_check check (file_size_bytes > 0),
    file_type       varchar(50)   not null
        constraint assessment_documents_file_type_check check (file_type in ('pdf', 'docx')),
    page_count      integer
        constraint assessment_documents_page_count_check check (page_count >= 0),
    uploaded_at     timestamptz   not null default now()
);
create index assessment_documents_assessment_id_idx on assessment_documents (assessment_id);
create index assessment_documents_bucket_id_idx on assessment_documents (bucket_id);

create table assessment_results (
    id                   uuid primary key default gen_random_uuid(),
    assessment_id        uuid        not null references assessments (id) on delete cascade,
    criteria_id          uuid        not null references criteria (id) on delete restrict,
    pass                 boolean,
    confidence           varchar(20)
        constraint assessment_results_confidence_check check (confidence in ('high', 'medium', 'low')),
    evidence_document_id uuid        references assessment_documents (id) on delete set null,
    evidence_page        integer
        constraint assessment_results_evidence_page_check check (evidence_page >= 1),
    evidence_section     varchar(255),
    evidence_text        text,
    reasoning            text,
    ai_response_raw      jsonb,
    created_at           timestamptz not null default now()
);
create index assessment_results_assessment_id_idx on assessment_results (assessment_id);
create index assessment_results_criteria_id_idx on assessment_results (criteria_id);
create index assessment_results_assessment_pass_idx on assessment_results (assessment_id, pass);

create table audit_logs (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         references organizations (id) on delete cascade,
    user_id         uuid,
    action          varchar(100) not null,
    resource_type   varchar(50),
    resource_id     uuid,
    metadata        jsonb        not null default '{}'::jsonb,
    ip_address      inet,
    user_agent      text,
    created_at      timestamptz  not null default now()
);
create index audit_logs_organization_created_at_idx on audit_logs (organization_id, created_at desc);
create index audit_logs_user_id_idx on audit_logs (user_id);
create index audit_logs_resource_idx on audit_logs (resource_type, resource_id);
create index audit_logs_action_idx on audit_logs (organization_id, action);
