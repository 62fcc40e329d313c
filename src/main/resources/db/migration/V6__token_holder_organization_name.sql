-- The token lookup also answers the organisation's name, which every page shows, so that
-- rendering a page needs no extra query.
drop function assay_token_holder(bytea);

create function assay_token_holder(p_token_hash bytea)
    returns table (token_id uuid, kind varchar, user_id uuid, organization_id uuid, organization_name varchar,
                   email varchar, name varchar, role varchar, expires_at timestamptz)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select t.id, t.kind, u.id, u.organization_id, o.name, u.email, u.name, u.role, t.expires_at
      from access_tokens t
      join users u on u.id = t.user_id and u.organization_id = t.organization_id
      join organizations o on o.id = u.organization_id
     where t.token_hash = p_token_hash
       and u.is_active
       and (t.expires_at is null or t.expires_at > now())
$$;

revoke all on function assay_token_holder(bytea) from public;
grant execute on function assay_token_holder(bytea) to assay_application;
