-- Who uploaded each document of a run, and when, kept with the run: the report lists them
-- and they must not change when the document is later deleted (its uploader's name goes
-- with the account: SET NULL, shown as a former user).
alter table assessment_documents add column uploaded_by uuid references users (id) on delete set null;

update assessment_documents ad
   set uploaded_by = d.uploaded_by,
       uploaded_at = d.created_at
  from documents d
 where d.id = ad.document_id;

create index assessment_documents_uploaded_by_idx on assessment_documents (uploaded_by);

-- How well each document's pages were read, recorded when a run reads them: pages with no
-- text, pages read by OCR, pages whose text layer looked garbled. Null for runs before.
alter table assessment_documents add column text_quality jsonb;

-- The PDF LibreOffice laid a Word document out as, stored once per organisation and Word
-- document (content hash) beside it, for the viewer: its own hash and size (the viewer
-- reads it by range).
create table document_layouts (
    organization_id uuid        not null references organizations (id) on delete cascade,
    sha256          bytea       not null constraint document_layouts_sha256_check check (octet_length(sha256) = 32),
    layout_sha256   bytea       not null
        constraint document_layouts_layout_sha256_check check (octet_length(layout_sha256) = 32),
    size_bytes      bigint      not null constraint document_layouts_size_bytes_check check (size_bytes > 0),
    created_at      timestamptz not null default now(),
    primary key (organization_id, sha256)
);

grant select, insert, delete on document_layouts to assay_application;
alter table document_layouts enable row level security;
create policy document_layouts_tenant on document_layouts
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());
