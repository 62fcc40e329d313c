-- An organisation may keep its documents' content for a limited time: past it, the stored
-- file, its Word layout and the text read from it are removed; the document's row (name,
-- size, hash, who uploaded it when) and every verdict, quote and audit entry that rests
-- on it stay. Null keeps content for ever, the default.
alter table organizations add column document_retention_days integer
    constraint organizations_document_retention_days_check check (document_retention_days between 30 and 36500);
alter table documents add column content_removed_at timestamptz;
-- A document's row is otherwise written once: the application may mark its content
-- removed, and give it back (the same bytes uploaded again, by someone, under a name).
grant update (content_removed_at, created_at, file_name, uploaded_by) on documents to assay_application;

-- What the retention sweep walks: each organisation's documents with content, oldest first.
create index documents_with_content_by_age_idx on documents (organization_id, created_at)
    where content_removed_at is null;

-- The sweep's one look across organisations: documents past their organisation's
-- retention whose content is still there, oldest first, leaving out those in a run that
-- is queued or running (their content goes once the run ends). With p_document, only
-- that one, if it is due: the check made again under the document's lock. It then binds
-- each document's organisation to remove the content.
create function assay_documents_past_retention(p_max_rows integer, p_document uuid default null)
    returns table (organization_id uuid, document_id uuid, retention_days integer)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select d.organization_id, d.id, o.document_retention_days
      from organizations o
      join documents d on d.organization_id = o.id
     where o.document_retention_days is not null
       and d.content_removed_at is null
       and d.created_at < now() - make_interval(days => o.document_retention_days)
       and (p_document is null or d.id = p_document)
       and not exists (select from assessment_documents ad
                         join assessments a on a.id = ad.assessment_id
                        where ad.document_id = d.id and a.status in ('queued', 'running'))
     order by d.created_at
     limit p_max_rows
$$;
revoke all on function assay_documents_past_retention(integer, uuid) from public;
grant execute on function assay_documents_past_retention(integer, uuid) to assay_application;
