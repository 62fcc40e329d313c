-- Objects being written to the document store before their document row is committed.
-- An upload records its write here (committed) before storing the object, and removes the
-- record in the transaction that inserts the document. A record left behind means the
-- process died in between: the sweeper then removes the object unless a document uses it.
create table pending_store_writes (
    storage_key     varchar(1000) primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    sha256          bytea       not null constraint pending_store_writes_sha256_check check (octet_length(sha256) = 32),
    started_at      timestamptz not null default now()
);
create index pending_store_writes_started_at_idx on pending_store_writes (started_at);

grant select, insert, update, delete on pending_store_writes to assay_application;
alter table pending_store_writes enable row level security;
create policy pending_store_writes_tenant on pending_store_writes
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- The sweeper's one look across organisations: which writes were abandoned. It then binds
-- each write's organisation to deal with it.
create function assay_abandoned_store_writes(p_older_than_seconds bigint)
    returns table (storage_key varchar, organization_id uuid, sha256 bytea)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select w.storage_key, w.organization_id, w.sha256 from pending_store_writes w
     where w.started_at < now() - make_interval(secs => p_older_than_seconds)
$$;
revoke all on function assay_abandoned_store_writes(bigint) from public;
grant execute on function assay_abandoned_store_writes(bigint) to assay_application;
