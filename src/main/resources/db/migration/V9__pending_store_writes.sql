-- Objects being written to the document store before their document row is committed.
-- An upload records its write here (committed) before storing the object, and removes the
-- record in the transaction that inserts the document. A record left behind means the
-- process died in between: the sweeper then removes the object unless a document uses it.
-- Holds ids and hashes only; the sweeper reads across organisations, so no row-level security.
create table pending_store_writes (
    storage_key     varchar(1000) primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    sha256          bytea       not null constraint pending_store_writes_sha256_check check (octet_length(sha256) = 32),
    started_at      timestamptz not null default now()
);
create index pending_store_writes_started_at_idx on pending_store_writes (started_at);

grant select, insert, update, delete on pending_store_writes to assay_application;
