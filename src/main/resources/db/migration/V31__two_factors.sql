-- Two factors: a TOTP (RFC 6238) secret per person, encrypted with the identity key (kept
-- outside the database), single-use recovery codes, an organisation's demand for both
-- factors, and the short-lived challenge between a right password and the second factor.

alter table users add column totp_secret bytea;
alter table users add column totp_enabled_at timestamptz;
-- The last 30-second step whose code was accepted: a code works once.
alter table users add column totp_last_step bigint;
alter table users add constraint users_totp_enabled_check check (totp_enabled_at is null or totp_secret is not null);

alter table organizations add column require_two_factor boolean not null default false;

create table recovery_codes (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null,
    user_id         uuid        not null,
    code_hash       bytea       not null constraint recovery_codes_code_hash_check check (octet_length(code_hash) = 32),
    used_at         timestamptz,
    created_at      timestamptz not null default now(),
    constraint recovery_codes_user_fkey
        foreign key (user_id, organization_id) references users (id, organization_id) on delete cascade
);
create index recovery_codes_user_idx on recovery_codes (organization_id, user_id);

grant select, insert, update, delete on recovery_codes to assay_application;
alter table recovery_codes enable row level security;
create policy recovery_codes_tenant on recovery_codes
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- A right password waiting for its second factor (or, where the organisation demands two
-- factors, for the person to set one up): a secret kept as its hash, five minutes, five tries.
create table login_challenges (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null,
    user_id         uuid        not null,
    token_hash      bytea       not null constraint login_challenges_token_hash_check check (octet_length(token_hash) = 32),
    enrolment       boolean     not null default false,
    -- For an enrolment: the secret proposed, encrypted like users.totp_secret.
    proposed_secret bytea,
    attempts        integer     not null default 0 constraint login_challenges_attempts_check check (attempts >= 0),
    expires_at      timestamptz not null,
    created_at      timestamptz not null default now(),
    constraint login_challenges_user_fkey
        foreign key (user_id, organization_id) references users (id, organization_id) on delete cascade
);
create unique index login_challenges_token_hash_key on login_challenges (token_hash);
create index login_challenges_user_idx on login_challenges (organization_id, user_id);

grant select, insert, update, delete on login_challenges to assay_application;
alter table login_challenges enable row level security;
create policy login_challenges_tenant on login_challenges
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

create function assay_login_challenge_organization(p_token_hash bytea) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select organization_id from login_challenges where token_hash = p_token_hash and expires_at > now()
$$;
revoke all on function assay_login_challenge_organization(bytea) from public;
grant execute on function assay_login_challenge_organization(bytea) to assay_application;
