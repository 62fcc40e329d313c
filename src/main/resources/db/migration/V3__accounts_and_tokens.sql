-- Accounts beyond the seed: local password hashes, access tokens (login sessions and
-- personal API tokens, both stored only as hashes) and the login throttle.

alter table users add column password_hash varchar(255);
alter table users add constraint users_id_organization_key unique (id, organization_id);

create table access_tokens (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null,
    user_id         uuid         not null,
    kind            varchar(20)  not null
        constraint access_tokens_kind_check check (kind in ('session', 'personal')),
    name            varchar(255) not null,
    token_hash      bytea        not null
        constraint access_tokens_token_hash_check check (octet_length(token_hash) = 32),
    expires_at      timestamptz,
    last_used_at    timestamptz,
    created_at      timestamptz  not null default now(),
    constraint access_tokens_user_fkey
        foreign key (user_id, organization_id) references users (id, organization_id) on delete cascade,
    constraint access_tokens_personal_expiry_check
        check (kind = 'personal' or expires_at is not null)
);
create unique index access_tokens_token_hash_key on access_tokens (token_hash);
create index access_tokens_user_idx on access_tokens (organization_id, user_id, kind);

grant select, insert, update, delete on access_tokens to assay_application;
alter table access_tokens enable row level security;
create policy access_tokens_tenant on access_tokens
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- Failed logins per email address (kept as a SHA-256 digest, not the address), shared by
-- every copy of the service so that throttling holds behind a load balancer.
create table login_throttle (
    email_digest  bytea primary key,
    failures      integer     not null default 0 constraint login_throttle_failures_check check (failures >= 0),
    first_failure timestamptz not null default now(),
    locked_until  timestamptz
);
grant select, insert, update, delete on login_throttle to assay_application;

-- Before anyone is authenticated no organisation is bound, so row-level security hides
-- every account. These two functions are the only doors past it, each answering exactly
-- one question about one account. They run as the table owner.
create function assay_login_account(p_email text)
    returns table (user_id uuid, organization_id uuid, password_hash varchar, is_active boolean)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select u.id, u.organization_id, u.password_hash, u.is_active
      from users u
     where lower(u.email) = lower(p_email)
$$;

create function assay_token_holder(p_token_hash bytea)
    returns table (token_id uuid, kind varchar, user_id uuid, organization_id uuid,
                   email varchar, name varchar, role varchar, expires_at timestamptz)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select t.id, t.kind, u.id, u.organization_id, u.email, u.name, u.role, t.expires_at
      from access_tokens t
      join users u on u.id = t.user_id and u.organization_id = t.organization_id
     where t.token_hash = p_token_hash
       and u.is_active
       and (t.expires_at is null or t.expires_at > now())
$$;

revoke all on function assay_login_account(text) from public;
revoke all on function assay_token_holder(bytea) from public;
grant execute on function assay_login_account(text) to assay_application;
grant execute on function assay_token_holder(bytea) to assay_application;

-- Whether Assay has any organisation yet, so that a first start can say "sign up" rather
-- than "sign in". Answers nothing else about them.
create function assay_any_organization() returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
as $$ select exists (select from organizations) $$;
revoke all on function assay_any_organization() from public;
grant execute on function assay_any_organization() to assay_application;
