-- Documents listed newest first a page at a time (GET /v1/documents?cursor=), for the
-- organisation or one bucket: each page read from where the last ended, by index.
create index documents_by_age_idx on documents (organization_id, created_at desc, id desc);
create index documents_in_bucket_by_age_idx on documents (bucket_id, created_at desc, id desc);
-- A prefix of the second.
drop index documents_bucket_idx;
