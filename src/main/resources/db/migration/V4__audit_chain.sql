-- The audit trail is tamper-evident and append-only.
--
-- Every entry gets a position (seq) in its organisation's chain and the SHA-256 of the
-- previous entry's hash together with its own content, computed here in the database so
-- that no client can forge it. Rewriting an entry, even as the table owner with the
-- triggers switched off, breaks the chain at that entry; GET /v1/audit-logs/verify finds it.

alter table audit_logs add column seq bigint;
alter table audit_logs add column prev_hash bytea;
alter table audit_logs add column hash bytea;
create unique index audit_logs_chain_seq_key
    on audit_logs (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), seq);

-- The head of each chain; its row lock serialises appends within one organisation only.
create table audit_chain_heads (
    chain_id  uuid primary key,
    last_seq  bigint not null,
    last_hash bytea
);

-- The content an entry's hash covers, in a fixed text form (timestamps in UTC, nulls
-- explicit), so that the digest does not depend on session settings.
create function audit_entry_digest(p_prev_hash bytea, e audit_logs) returns bytea
    language sql immutable parallel safe
as $$
    select sha256(coalesce(p_prev_hash, ''::bytea) || convert_to(jsonb_build_array(
        e.id, e.organization_id, e.seq, e.user_id, e.action, e.resource_type, e.resource_id,
        e.metadata, host(e.ip_address), e.user_agent,
        to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8'))
$$;

create function audit_logs_append_to_chain() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
as $$
declare
    chain uuid := coalesce(new.organization_id, '00000000-0000-0000-0000-000000000000'::uuid);
    head  audit_chain_heads%rowtype;
begin
    insert into audit_chain_heads (chain_id, last_seq, last_hash) values (chain, 0, null)
        on conflict (chain_id) do nothing;
    select * into head from audit_chain_heads where chain_id = chain for update;

    -- Taken after the lock, so that time order and chain order agree.
    new.created_at := clock_timestamp();
    new.seq := head.last_seq + 1;
    new.prev_hash := head.last_hash;
    new.hash := audit_entry_digest(new.prev_hash, new);

    update audit_chain_heads set last_seq = new.seq, last_hash = new.hash where chain_id = chain;
    return new;
end
$$;

create trigger audit_logs_chain before insert on audit_logs
    for each row execute function audit_logs_append_to_chain();

-- UPDATE, DELETE and TRUNCATE are refused for everyone, the table owner included. The one
-- exception is the erasure of a whole organisation (GDPR), whose entries go with it by
-- the foreign key's cascade once the organisation row is gone.
create function audit_logs_refuse_change() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
as $$
begin
    if tg_op = 'DELETE' and old.organization_id is not null
       and not exists (select from organizations where id = old.organization_id) then
        return old;
    end if;
    raise exception 'audit_logs is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_logs_append_only before update or delete on audit_logs
    for each row execute function audit_logs_refuse_change();

create trigger audit_logs_no_truncate before truncate on audit_logs
    for each statement execute function audit_logs_refuse_change();

-- The head of the current organisation's chain, so that verification also notices entries
-- removed from its end. Answers for the bound organisation only.
create function assay_audit_chain_head() returns table (last_seq bigint, last_hash bytea)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select h.last_seq, h.last_hash from audit_chain_heads h where h.chain_id = assay_current_organization()
$$;
revoke all on function assay_audit_chain_head() from public;
grant execute on function assay_audit_chain_head() to assay_application;
grant execute on function audit_entry_digest(bytea, audit_logs) to assay_application;
