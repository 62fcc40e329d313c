-- A storage key rotation reseals every stored object with the current key: its one look
-- across organisations, the documents with content a page at a time in id order (a Word
-- document's layout is resealed with it). It then binds each document's organisation.
create function assay_documents_to_reseal(p_after uuid, p_max_rows integer)
    returns table (document_id uuid, organization_id uuid, storage_key varchar, sha256 bytea, file_type varchar)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select d.id, d.organization_id, d.storage_key, d.sha256, d.file_type
      from documents d
     where d.content_removed_at is null and d.id > p_after
     order by d.id
     limit p_max_rows
$$;
revoke all on function assay_documents_to_reseal(uuid, integer) from public;
grant execute on function assay_documents_to_reseal(uuid, integer) to assay_application;
