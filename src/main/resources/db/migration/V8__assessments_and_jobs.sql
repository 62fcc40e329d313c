-- Assessments as the product runs them: the workflow version they ran with, progress,
-- the uploaded documents they use, and the durable job queue that runs them.

alter table assessments add column workflow_version integer not null
    constraint assessments_workflow_version_check check (workflow_version >= 1);
alter table assessments add column previous_assessment_id uuid references assessments (id) on delete set null;
alter table assessments add column progress_done integer not null default 0
    constraint assessments_progress_done_check check (progress_done >= 0);
alter table assessments add column progress_total integer not null default 0
    constraint assessments_progress_total_check check (progress_total >= 0);
alter table assessments add constraint assessments_progress_check check (progress_done <= progress_total);

-- An assessment's documents point to the uploads they were made from; an upload that an
-- assessment used cannot be deleted (its results cite it).
alter table documents add constraint documents_id_organization_key unique (id, organization_id);
alter table assessment_documents add column document_id uuid;
alter table assessment_documents add column sha256 bytea
    constraint assessment_documents_sha256_check check (octet_length(sha256) = 32);
alter table assessment_documents
    add constraint assessment_documents_document_fkey
        foreign key (document_id, organization_id) references documents (id, organization_id) on delete restrict;
create index assessment_documents_document_id_idx on assessment_documents (document_id);

-- db-scheduler's table (its PostgreSQL schema). It holds no tenant data beyond ids: the job
-- binds the organisation from its own data before it touches any.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

grant select, insert, update, delete on scheduled_tasks to assay_application;
