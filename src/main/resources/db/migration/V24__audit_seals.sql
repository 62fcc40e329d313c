-- A keyed seal on every audit entry, so that the chain is anchored outside the database.
--
-- The chain hash (V4) is computed by the database, so someone with the table owner's rights
-- could rewrite an entry and recompute every hash after it with audit_entry_digest. The seal
-- is HMAC-SHA256 of the entry's hash under a key the database never sees (ASSAY_AUDIT_KEY or
-- the generated key file, like the storage key): a recomputed chain no longer matches its
-- seals. As each hash covers everything before it in the chain, a sealed entry vouches for
-- all earlier ones; entries written before this version are vouched for by the seal the
-- service puts on each chain's head at its next start.

create table audit_seals (
    entry_id        uuid  primary key references audit_logs (id) on delete cascade,
    organization_id uuid  references organizations (id) on delete cascade,
    seal            bytea not null
);
grant select on audit_seals to assay_application;
alter table audit_seals enable row level security;
create policy audit_seals_tenant on audit_seals
    using (organization_id = assay_current_organization());

-- Append-only like the entries: only the erasure of a whole organisation removes seals.
create trigger audit_seals_append_only before update or delete on audit_seals
    for each row execute function audit_logs_refuse_change();
create trigger audit_seals_no_truncate before truncate on audit_seals
    for each statement execute function audit_logs_refuse_change();

-- The one door for writing a seal: for an existing entry, once. Runs as the owner so that
-- the service can also seal the chain without an organisation (logins of unknown
-- addresses) and, at start, every chain's head.
create function assay_seal_audit_entry(p_entry uuid, p_seal bytea) returns void
    language sql volatile security definer
    set search_path = public, pg_temp
as $$
    insert into audit_seals (entry_id, organization_id, seal)
    select a.id, a.organization_id, p_seal from audit_logs a where a.id = p_entry
    on conflict (entry_id) do nothing
$$;
revoke all on function assay_seal_audit_entry(uuid, bytea) from public;
grant execute on function assay_seal_audit_entry(uuid, bytea) to assay_application;

-- An entry's chain hash, which the service seals right after the insert (RETURNING would
-- need the entry to be visible, and entries without an organisation are visible to no one).
create function assay_audit_entry_hash(p_entry uuid) returns bytea
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select hash from audit_logs where id = p_entry
$$;
revoke all on function assay_audit_entry_hash(uuid) from public;
grant execute on function assay_audit_entry_hash(uuid) to assay_application;

-- The head entry of every chain that has no seal yet, with its hash: what the service
-- seals at start.
create function assay_unsealed_audit_heads() returns table (entry_id uuid, hash bytea)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select a.id, a.hash
      from audit_chain_heads h
      join audit_logs a
        on coalesce(a.organization_id, '00000000-0000-0000-0000-000000000000'::uuid) = h.chain_id
       and a.seq = h.last_seq
     where not exists (select from audit_seals s where s.entry_id = a.id)
$$;
revoke all on function assay_unsealed_audit_heads() from public;
grant execute on function assay_unsealed_audit_heads() to assay_application;
