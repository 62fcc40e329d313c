-- An organisation deleted by its administrator leaves nothing of its own behind; this
-- record of the deletion is kept outside it, for the operator's accountability: when, by
-- whom, what went. The organisation's id is kept only as its SHA-256, so no row anywhere
-- carries the id, yet an operator who knows it can find its deletion.
create table organization_deletions (
    id                      uuid primary key default gen_random_uuid(),
    organization_id_sha256  bytea        not null
        constraint organization_deletions_id_sha256_check check (octet_length(organization_id_sha256) = 32),
    organization_name       varchar(255) not null,
    deleted_by_email        varchar(255) not null,
    rows_deleted            jsonb        not null,
    stored_objects          integer      not null default 0,
    stored_objects_removed  integer,
    deleted_at              timestamptz  not null default now()
);
create index organization_deletions_id_idx on organization_deletions (organization_id_sha256);
grant select, insert, update on organization_deletions to assay_application;

-- Deletes the bound organisation and, by cascade, everything it owns. Only the organisation
-- bound to the transaction can be deleted, by its own administrator's request.
create function assay_delete_organization(p_organization uuid) returns void
    language plpgsql security definer
    set search_path = public, pg_temp
as $$
begin
    if p_organization is distinct from assay_current_organization() then
        raise exception 'only the bound organisation can be deleted';
    end if;
    delete from organizations where id = p_organization;
    -- The head of its audit chain (which notices entries removed from the chain's end)
    -- goes with the chain.
    delete from audit_chain_heads where chain_id = p_organization;
end
$$;
revoke all on function assay_delete_organization(uuid) from public;
grant execute on function assay_delete_organization(uuid) to assay_application;
