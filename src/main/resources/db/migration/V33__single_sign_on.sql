-- Single sign-on with an organisation's own OpenID Connect provider: where it is (its
-- endpoints as its discovery document gave them when an administrator set it up), the
-- client Assay is registered as (the secret encrypted with the identity key), the role of
-- people it brings in, and whether passwords are refused.
create table organization_sso (
    organization_id   uuid primary key references organizations (id) on delete cascade,
    issuer            text         not null,
    client_id         varchar(255) not null,
    client_secret     bytea        not null,
    authorization_uri text         not null,
    token_uri         text         not null,
    jwk_set_uri       text         not null,
    default_role      varchar(50)  not null default 'project_handler'
        constraint organization_sso_default_role_check
        check (default_role in ('process_manager', 'project_handler', 'admin')),
    require_sso       boolean      not null default false,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now()
);
grant select, insert, update, delete on organization_sso to assay_application;
alter table organization_sso enable row level security;
create policy organization_sso_tenant on organization_sso
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- The email domains an organisation's provider signs people in for: a domain belongs to
-- one organisation in all of Assay, so that an address leads to one provider.
create table sso_domains (
    domain          varchar(255) primary key
        constraint sso_domains_domain_check check (domain = lower(domain) and domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
    organization_id uuid not null references organization_sso (organization_id) on delete cascade
);
create index sso_domains_organization_idx on sso_domains (organization_id);
grant select, insert, update, delete on sso_domains to assay_application;
alter table sso_domains enable row level security;
create policy sso_domains_tenant on sso_domains
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- Before sign-in no organisation is bound: which organisation's provider serves an
-- address's domain, and nothing else; and whether a domain is taken elsewhere, so that
-- an administrator is told before saving.
create function assay_sso_organization(p_domain text) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$ select organization_id from sso_domains where domain = lower(p_domain) $$;
revoke all on function assay_sso_organization(text) from public;
grant execute on function assay_sso_organization(text) to assay_application;

-- Whether a person's organisation refuses passwords (answered at login, before binding).
create function assay_sso_required(p_organization uuid) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
as $$ select coalesce((select require_sso from organization_sso where organization_id = p_organization), false) $$;
revoke all on function assay_sso_required(uuid) from public;
grant execute on function assay_sso_required(uuid) to assay_application;

-- Login also learns each account's role: in an organisation that refuses passwords, its
-- administrators keep theirs, so that a provider's outage never locks it out.
drop function assay_login_account(text);
create function assay_login_account(p_email text)
    returns table (user_id uuid, organization_id uuid, password_hash varchar, is_active boolean, role varchar)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select u.id, u.organization_id, u.password_hash, u.is_active, u.role
      from users u
     where lower(u.email) = lower(p_email)
$$;
revoke all on function assay_login_account(text) from public;
grant execute on function assay_login_account(text) to assay_application;
