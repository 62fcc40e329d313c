-- Each run's results carry a version that changes in every statement that changes them,
-- so that a copy may keep a run's results as it last read them and know, from the run's
-- row alone, whether they are still what the database holds. The version is taken from a
-- sequence, not counted up on the row: a sequence never hands a number out twice, so a
-- version seen in a transaction that is then rolled back is never reused for other
-- results.
create sequence assay_results_versions;
grant usage on sequence assay_results_versions to assay_application;

alter table assessments add column results_version bigint not null default 0;

-- As in V49, and the version changes too (for an archived run as well: its results left
-- or came back).
create or replace function assay_count_verdicts() returns trigger
    language plpgsql
as $$
begin
    update assessments a
       set passed_count = case when a.results_archived_at is null then c.passed::integer else a.passed_count end,
           failed_count = case when a.results_archived_at is null then c.failed::integer else a.failed_count end,
           needs_review_count = case when a.results_archived_at is null then c.needs_review::integer
                                     else a.needs_review_count end,
           results_version = nextval('assay_results_versions')
      from (select x.id,
                   count(v) filter (where v = 'passed') as passed,
                   count(v) filter (where v = 'failed') as failed,
                   count(v) filter (where v in ('undecided', 'not_answered')) as needs_review
              from (select distinct assessment_id as id from changed) x
              left join lateral (select assay_result_verdict(r.review_pass, r.pass, r.confidence, r.answered) as v
                                   from assessment_results r where r.assessment_id = x.id) r on true
             group by x.id) c
     where a.id = c.id;
    return null;
end
$$;
