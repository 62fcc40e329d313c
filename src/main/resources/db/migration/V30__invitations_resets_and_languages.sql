-- An organisation administered by its own people: invitations by email, password resets,
-- sessions a person can recognise and end, and the language each person reads Assay in.

-- An invitation to join an organisation. Its link's secret is made when the email is sent
-- (or, without a mail server, when the administrator asks for the link) and kept here only
-- as a SHA-256; a resend makes a new one and the old link stops working.
create table invitations (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid         not null references organizations (id) on delete cascade,
    email           varchar(255) not null,
    role            varchar(50)  not null
        constraint invitations_role_check check (role in ('process_manager', 'project_handler', 'admin')),
    invited_by      uuid references users (id) on delete set null,
    token_hash      bytea
        constraint invitations_token_hash_check check (octet_length(token_hash) = 32),
    expires_at      timestamptz,
    sent_count      integer      not null default 0
        constraint invitations_sent_count_check check (sent_count >= 0),
    last_sent_at    timestamptz,
    accepted_at     timestamptz,
    accepted_by     uuid references users (id) on delete set null,
    revoked_at      timestamptz,
    created_at      timestamptz  not null default now(),
    constraint invitations_settled_once_check check (accepted_at is null or revoked_at is null),
    constraint invitations_link_expires_check check (token_hash is null or expires_at is not null)
);
create unique index invitations_token_hash_key on invitations (token_hash);
-- One open invitation per address and organisation: a second "invite" is a resend.
create unique index invitations_open_email_key on invitations (organization_id, lower(email))
    where accepted_at is null and revoked_at is null;
create index invitations_organization_idx on invitations (organization_id, created_at desc, id desc);
create index invitations_invited_by_idx on invitations (invited_by);
create index invitations_accepted_by_idx on invitations (accepted_by);

grant select, insert, update, delete on invitations to assay_application;
alter table invitations enable row level security;
create policy invitations_tenant on invitations
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- A request to set a new password without the old one. Like an invitation's, its secret is
-- made when the email is sent and kept only as a hash; it works once.
create table password_resets (
    id              uuid primary key default gen_random_uuid(),
    organization_id uuid        not null,
    user_id         uuid        not null,
    token_hash      bytea
        constraint password_resets_token_hash_check check (octet_length(token_hash) = 32),
    expires_at      timestamptz,
    used_at         timestamptz,
    created_at      timestamptz not null default now(),
    constraint password_resets_user_fkey
        foreign key (user_id, organization_id) references users (id, organization_id) on delete cascade
);
create unique index password_resets_token_hash_key on password_resets (token_hash);
create index password_resets_user_idx on password_resets (organization_id, user_id, created_at desc);

grant select, insert, update, delete on password_resets to assay_application;
alter table password_resets enable row level security;
create policy password_resets_tenant on password_resets
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- What a session was started from, so that its holder can tell their sessions apart.
alter table access_tokens add column user_agent text;
alter table access_tokens add column ip_address inet;

-- The language a person reads Assay in; null: the organisation's, else the browser's.
alter table users add column locale varchar(10)
    constraint users_locale_check check (locale in ('en', 'de'));
alter table organizations add column default_locale varchar(10)
    constraint organizations_default_locale_check check (default_locale in ('en', 'de'));

-- The token lookup also answers the languages, which every page needs.
drop function assay_token_holder(bytea);
create function assay_token_holder(p_token_hash bytea)
    returns table (token_id uuid, kind varchar, user_id uuid, organization_id uuid, organization_name varchar,
                   email varchar, name varchar, role varchar, expires_at timestamptz, locale varchar,
                   organization_locale varchar)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select t.id, t.kind, u.id, u.organization_id, o.name, u.email, u.name, u.role, t.expires_at, u.locale,
           o.default_locale
      from access_tokens t
      join users u on u.id = t.user_id and u.organization_id = t.organization_id
      join organizations o on o.id = u.organization_id
     where t.token_hash = p_token_hash
       and u.is_active
       and (t.expires_at is null or t.expires_at > now())
$$;
revoke all on function assay_token_holder(bytea) from public;
grant execute on function assay_token_holder(bytea) to assay_application;

-- Before anyone is signed in no organisation is bound; these answer which organisation a
-- link's secret belongs to, and nothing else, so that the rest is read under its policy.
create function assay_invitation_organization(p_token_hash bytea) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select organization_id from invitations
     where token_hash = p_token_hash and accepted_at is null and revoked_at is null and expires_at > now()
$$;
create function assay_password_reset_organization(p_token_hash bytea) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select organization_id from password_resets
     where token_hash = p_token_hash and used_at is null and expires_at > now()
$$;
revoke all on function assay_invitation_organization(bytea) from public;
revoke all on function assay_password_reset_organization(bytea) from public;
grant execute on function assay_invitation_organization(bytea) to assay_application;
grant execute on function assay_password_reset_organization(bytea) to assay_application;
