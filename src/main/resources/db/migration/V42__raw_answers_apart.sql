-- The provider's raw answer to each criterion (its whole JSON, the document hashes) is kept
-- for audit and troubleshooting but never shown in a list or a page; kept in the results
-- row it made every read of results carry kilobytes nobody looks at. It moves to a table
-- of its own, one row per result. What was sent to the judge stays with the result, in a
-- column of its own: the results page says from it which pages were read.
create table assessment_result_answers (
    result_id       uuid  primary key references assessment_results (id) on delete cascade,
    organization_id uuid  not null references organizations (id) on delete cascade,
    answer          jsonb not null
);
create index assessment_result_answers_organization_idx on assessment_result_answers (organization_id);
grant select, insert, update, delete on assessment_result_answers to assay_application;
alter table assessment_result_answers enable row level security;
create policy assessment_result_answers_tenant on assessment_result_answers
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

insert into assessment_result_answers (result_id, organization_id, answer)
select id, organization_id, ai_response_raw - 'passages_sent'
  from assessment_results
 where ai_response_raw is not null and ai_response_raw <> '{}'::jsonb;

alter table assessment_results add column passages_sent jsonb;
-- Only the column changes: the verdict counts the update triggers recount stay as they are.
alter table assessment_results disable trigger assessment_results_counted_on_update;
update assessment_results set passages_sent = ai_response_raw -> 'passages_sent'
 where ai_response_raw ? 'passages_sent';
alter table assessment_results enable trigger assessment_results_counted_on_update;
alter table assessment_results drop column ai_response_raw;
