-- Share links to a read-only report: the link's token is stored only as its SHA-256. A link
-- ends when it expires (at most 30 days after it was made) or is revoked.
create table report_shares (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null references organizations (id) on delete cascade,
    assessment_id   uuid        not null references assessments (id) on delete cascade,
    token_hash      bytea       not null unique
        constraint report_shares_token_hash_check check (octet_length(token_hash) = 32),
    created_by      uuid        references users (id) on delete set null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    revoked_by      uuid        references users (id) on delete set null,
    constraint report_shares_expiry_check check (expires_at > created_at
                                                 and expires_at <= created_at + interval '30 days 1 minute')
);
create index report_shares_assessment_idx on report_shares (organization_id, assessment_id);

grant select, insert, update on report_shares to assay_application;
alter table report_shares enable row level security;
create policy report_shares_tenant on report_shares
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- Who may see a shared report is decided before any organisation is known (the visitor has
-- no account), so this one question, "which report does this live token open?", is asked
-- as the table owner. It answers nothing for an unknown, expired or revoked token.
create function assay_shared_report(p_token_hash bytea)
    returns table (share_id uuid, organization_id uuid, assessment_id uuid, expires_at timestamptz)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select s.id, s.organization_id, s.assessment_id, s.expires_at
      from report_shares s
     where s.token_hash = p_token_hash
       and s.revoked_at is null
       and s.expires_at > now()
$$;
revoke all on function assay_shared_report(bytea) from public;
grant execute on function assay_shared_report(bytea) to assay_application;
