-- Uploaded documents, before and independently of any assessment: a file in one bucket of
-- a workflow. The bytes live in the document store under the organisation and their
-- SHA-256, so the same bytes are stored once however often they are uploaded.

alter table buckets add constraint buckets_id_organization_key unique (id, organization_id);

create table documents (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null references organizations (id) on delete cascade,
    bucket_id       uuid         not null,
    file_name       varchar(255) not null,
    file_size_bytes bigint       not null constraint documents_file_size_bytes_check check (file_size_bytes > 0),
    file_type       varchar(50)  not null constraint documents_file_type_check check (file_type in ('pdf', 'docx')),
    sha256          bytea        not null constraint documents_sha256_check check (octet_length(sha256) = 32),
    page_count      integer      constraint documents_page_count_check check (page_count >= 1),
    storage_key     varchar(1000) not null,
    uploaded_by     uuid         references users (id) on delete set null,
    created_at      timestamptz  not null default now(),
    constraint documents_bucket_fkey
        foreign key (bucket_id, organization_id) references buckets (id, organization_id) on delete restrict,
    -- The same bytes in the same bucket are the same document.
    constraint documents_bucket_content_key unique (organization_id, bucket_id, sha256)
);
create index documents_bucket_idx on documents (bucket_id);
create index documents_content_idx on documents (organization_id, sha256);

-- What a document says, page by page, as the parser read it: kept per organisation and
-- content hash (and parser version), so the same bytes are never parsed twice.
create table parsed_documents (
    organization_id uuid        not null references organizations (id) on delete cascade,
    sha256          bytea       not null constraint parsed_documents_sha256_check check (octet_length(sha256) = 32),
    parser_version  integer     not null,
    content         jsonb       not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, sha256, parser_version)
);

grant select, insert, delete on documents to assay_application;
grant select, insert, delete on parsed_documents to assay_application;

alter table documents enable row level security;
create policy documents_tenant on documents
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
alter table parsed_documents enable row level security;
create policy parsed_documents_tenant on parsed_documents
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
