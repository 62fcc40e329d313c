-- The language each other account of an address reads Assay in (its own, else its
-- organisation's), so that a notice to the address about an account made elsewhere is
-- written in it. Answers a language and nothing else about those accounts.
create function assay_address_languages(p_email text, p_except uuid) returns setof varchar
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select coalesce(u.locale, o.default_locale)
      from users u
      join organizations o on o.id = u.organization_id
     where lower(u.email) = lower(p_email)
       and u.organization_id <> p_except
       and u.is_active
$$;
revoke all on function assay_address_languages(text, uuid) from public;
grant execute on function assay_address_languages(text, uuid) to assay_application;
