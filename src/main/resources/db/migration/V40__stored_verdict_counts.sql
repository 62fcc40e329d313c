-- The counts every list of runs shows (passed, failed, needs review) are kept on the run,
-- recounted when the statement that changes its results ends, instead of three subqueries
-- on assessment_results for every row listed. Counting the whole run again (not adding
-- and subtracting) means the counts cannot drift from the results, whatever the statement.
alter table assessments
    add column passed_count integer not null default 0,
    add column failed_count integer not null default 0,
    add column needs_review_count integer not null default 0;

create function assay_count_verdicts() returns trigger
    language plpgsql
as $$
begin
    update assessments a
       set passed_count = c.passed, failed_count = c.failed, needs_review_count = c.needs_review
      from (select x.id,
                   count(v) filter (where v = 'passed') as passed,
                   count(v) filter (where v = 'failed') as failed,
                   count(v) filter (where v in ('undecided', 'not_answered')) as needs_review
              from (select distinct assessment_id as id from changed) x
              left join lateral (select assay_result_verdict(r.review_pass, r.pass, r.confidence, r.answered) as v
                                   from assessment_results r where r.assessment_id = x.id) r on true
             group by x.id) c
     where a.id = c.id
       and (a.passed_count, a.failed_count, a.needs_review_count)
           is distinct from (c.passed::integer, c.failed::integer, c.needs_review::integer);
    return null;
end
$$;

create trigger assessment_results_counted_on_insert
    after insert on assessment_results referencing new table as changed
    for each statement execute function assay_count_verdicts();
create trigger assessment_results_counted_on_update
    after update on assessment_results referencing new table as changed
    for each statement execute function assay_count_verdicts();
create trigger assessment_results_counted_on_delete
    after delete on assessment_results referencing old table as changed
    for each statement execute function assay_count_verdicts();

update assessments a
   set passed_count = c.passed, failed_count = c.failed, needs_review_count = c.needs_review
  from (select assessment_id,
               count(*) filter (where v = 'passed') as passed,
               count(*) filter (where v = 'failed') as failed,
               count(*) filter (where v in ('undecided', 'not_answered')) as needs_review
          from (select assessment_id, assay_result_verdict(review_pass, pass, confidence, answered) as v
                  from assessment_results) r
         group by assessment_id) c
 where a.id = c.assessment_id;
