-- The audit trail newest first, a page at a time from a cursor: each organisation's
-- entries in chain order. The chain's own unique index is on an expression of the
-- organisation (the chain of no organisation included), which a filter by organisation
-- cannot use.
create index audit_logs_organization_seq_idx on audit_logs (organization_id, seq);
