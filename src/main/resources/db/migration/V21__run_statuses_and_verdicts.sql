-- A run's life in the words of the domain: queued → running → completed, or incomplete when
-- some criteria could not be answered; failed after its attempts, or cancelled, each with a
-- status of its own (a cancelled run used to be "failed" with the message "cancelled").
alter table assessments drop constraint assessments_status_check;
update assessments set status = case
    when status = 'pending' then 'queued'
    when status = 'processing' then 'running'
    when status = 'failed' and error_message = 'cancelled' then 'cancelled'
    else status end;
alter table assessments alter column status set default 'queued';
alter table assessments add constraint assessments_status_check
    check (status in ('queued', 'running', 'completed', 'incomplete', 'failed', 'cancelled'));

-- Whether the judge answered. A result that is not an answer (the provider down, an answer
-- that could not be read) is recorded as such, never as a verdict.
alter table assessment_results add column answered boolean not null default true;
update assessment_results set answered = false where pass is null and reasoning like 'Not answered:%';

-- The verdict of a result as it counts, in one place for every list and count: a person's
-- when reviewed; else not answered; else the AI's when it decided with more than low
-- confidence; else undecided. The Java type Verdict says the same; a test holds them equal.
create function assay_result_verdict(review_pass boolean, pass boolean, confidence varchar, answered boolean)
    returns text
    language sql immutable parallel safe
as $$
    select case
        when review_pass is not null then case when review_pass then 'passed' else 'failed' end
        when not answered then 'not_answered'
        when pass is null or confidence = 'low' then 'undecided'
        when pass then 'passed'
        else 'failed' end
$$;
grant execute on function assay_result_verdict(boolean, boolean, varchar, boolean) to assay_application;

create or replace function assay_refresh_submission(refreshed uuid) returns void
    language sql volatile
as $$
    update submissions s
       set latest_assessment_id = l.id,
           latest_status = l.status,
           review_state = l.review_state,
           run_count = l.runs,
           outcome = case when l.status not in ('completed', 'incomplete') then null
                          when l.failed > 0 then 'failed'
                          when l.open > 0 then 'undecided'
                          else 'passed' end,
           needs_review = l.status in ('completed', 'incomplete') and l.open > 0,
           updated_at = now()
      from (select a.id, a.status, a.review_state,
                   (select count(*) from assessments c where c.submission_id = a.submission_id) as runs,
                   (select count(*) from assessment_results r
                     where r.assessment_id = a.id
                       and assay_result_verdict(r.review_pass, r.pass, r.confidence, r.answered) = 'failed') as failed,
                   (select count(*) from assessment_results r
                     where r.assessment_id = a.id
                       and assay_result_verdict(r.review_pass, r.pass, r.confidence, r.answered)
                           in ('undecided', 'not_answered')) as open
              from assessments a
             where a.submission_id = refreshed
             order by a.run_number desc
             limit 1) l
     where s.id = refreshed
$$;

update submissions set latest_status = case latest_status
    when 'pending' then 'queued' when 'processing' then 'running' else latest_status end;
update submissions s set latest_status = 'cancelled'
  from assessments a where a.id = s.latest_assessment_id and a.status = 'cancelled';
