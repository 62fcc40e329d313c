-- Why a share link no longer opens, for whoever holds it: revoked or expired. Only the
-- token's holder can ask (by its hash), and learns nothing else.
create function assay_share_link_state(p_token_hash bytea)
    returns table (state text, since timestamptz)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select case when s.revoked_at is not null then 'revoked'
                when s.expires_at <= now() then 'expired'
                else 'active' end,
           coalesce(s.revoked_at, s.expires_at)
      from report_shares s
     where s.token_hash = p_token_hash
$$;
revoke all on function assay_share_link_state(bytea) from public;
grant execute on function assay_share_link_state(bytea) to assay_application;
