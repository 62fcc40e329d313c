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
