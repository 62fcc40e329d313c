-- The run list newest first, page after page from a cursor, per organisation and by its
-- filters: each served from an index in its own order, however large the organisation.
create index assessments_organization_created_idx on assessments (organization_id, created_at desc, id desc);
create index assessments_organization_workflow_created_idx
    on assessments (organization_id, workflow_id, created_at desc, id desc);
create index assessments_organization_creator_created_idx
    on assessments (organization_id, created_by, created_at desc, id desc);
create index assessments_organization_status_completed_idx
    on assessments (organization_id, status, completed_at desc);
