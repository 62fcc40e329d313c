-- Results of old runs are archived, as the seed plans for more than a million
-- assessments: a finished run's results, their comments and the judge's raw answers move
-- out of the hot tables (and their indexes) into one compressed row per run. The
-- run's row stays with its verdict counts, so lists are unchanged; its results are read
-- from the archive wherever they are shown (assay_results_of, assay_comments_of), and
-- are put back before anything writes to them (assay_results_live): a review, a comment,
-- asking the unanswered again, a re-run carrying them over. An operator may move the
-- archive to cheaper storage: alter table assessment_result_archives set tablespace ….
--
-- A migration that adds a column to assessment_results, result_comments or
-- assessment_result_answers adds it to the archived rows too (their JSON rewritten), or a restore
-- leaves it null.
alter table organizations add column results_archive_after_days integer default 730
    constraint organizations_results_archive_after_days_check check (results_archive_after_days between 90 and 36500);
alter table assessments
    add column results_archived_at timestamptz,
    add column results_restored_at timestamptz;

create table assessment_result_archives (
    assessment_id     uuid        primary key,
    organization_id   uuid        not null,
    -- json, not jsonb: kept as the text it is, which compresses to a fraction (jsonb's
    -- binary form starts with a table of offsets that PostgreSQL's compression gives up on).
    results           json        not null,
    comments          json        not null,
    answers           json        not null,
    -- The runs whose results these carried over: they come back first, for the links.
    carried_from_runs uuid[]      not null,
    archived_at       timestamptz not null default now(),
    constraint assessment_result_archives_assessment_fkey
        foreign key (assessment_id, organization_id) references assessments (id, organization_id) on delete cascade
);
create index assessment_result_archives_run_organization_idx
    on assessment_result_archives (assessment_id, organization_id);
create index assessment_result_archives_organization_id_idx on assessment_result_archives (organization_id);
grant select, insert, delete on assessment_result_archives to assay_application;
alter table assessment_result_archives enable row level security;
create policy assessment_result_archives_tenant on assessment_result_archives
    using (organization_id = assay_current_organization())
    with check (organization_id = assay_current_organization());

-- What the sweep walks: each organisation's runs whose results are live, by completion.
create index assessments_live_results_by_completion_idx on assessments (organization_id, completed_at)
    where results_archived_at is null;

-- An archived run keeps the counts it had: its results leave and come back whole.
create or replace function assay_count_verdicts() returns trigger
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
       and a.results_archived_at is null
       and (a.passed_count, a.failed_count, a.needs_review_count)
           is distinct from (c.passed::integer, c.failed::integer, c.needs_review::integer);
    return null;
end
$$;

-- A run may be archived once it ended, its organisation's time has passed since it ended
-- or was last put back, no run is about to carry its results over and no live result was
-- carried over from it.
create function assay_may_archive(p_run uuid, p_after_days integer) returns boolean
    language sql stable
as $$
    select exists (
        select from assessments a
         where a.id = p_run
           and a.results_archived_at is null
           and a.status in ('completed', 'incomplete', 'failed', 'cancelled')
           and a.completed_at < now() - make_interval(days => p_after_days)
           and (a.results_restored_at is null or a.results_restored_at < now() - make_interval(days => p_after_days))
           and not exists (select from assessments n
                            where n.previous_assessment_id = a.id and n.status in ('queued', 'running'))
           and not exists (select from assessment_results r
                             join assessment_results c on c.carried_over_from = r.id
                            where r.assessment_id = a.id and c.assessment_id <> a.id))
$$;

-- The sweep's one look across organisations: runs due for the archive, newest first (so
-- that a re-run goes before the run it carried results over from), at most p_max_rows.
create function assay_runs_to_archive(p_max_rows integer)
    returns table (organization_id uuid, assessment_id uuid)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select o.id, a.id
      from organizations o
     cross join lateral (
            select a.id, a.completed_at
              from assessments a
             where a.organization_id = o.id
               and a.results_archived_at is null
               and a.completed_at < now() - make_interval(days => o.results_archive_after_days)
               and assay_may_archive(a.id, o.results_archive_after_days)
             order by a.completed_at desc
             limit p_max_rows) a
     where o.results_archive_after_days is not null
     order by a.completed_at desc
     limit p_max_rows
$$;
revoke all on function assay_runs_to_archive(integer) from public;
grant execute on function assay_runs_to_archive(integer) to assay_application;

-- Archives one run's results, bound to its organisation; false when it is not due (any
-- more) or another transaction holds it.
create function assay_archive_results(p_run uuid) returns boolean
    language plpgsql
as $$
declare
    v_organization uuid;
    v_after_days integer;
begin
    select a.organization_id, o.results_archive_after_days into v_organization, v_after_days
      from assessments a join organizations o on o.id = a.organization_id
     where a.id = p_run
       for no key update of a skip locked;
    -- Checked again under the run's lock, in a statement of its own (a new snapshot).
    if v_after_days is null or not assay_may_archive(p_run, v_after_days) then
        return false;
    end if;
    insert into assessment_result_archives (assessment_id, organization_id, results, comments, answers,
                                            carried_from_runs)
    select p_run, v_organization,
           coalesce((select json_agg(r order by r.id) from assessment_results r
                      where r.assessment_id = p_run), '[]'),
           coalesce((select json_agg(c order by c.created_at, c.id) from result_comments c
                      where c.assessment_id = p_run), '[]'),
           coalesce((select json_agg(x) from assessment_result_answers x
                       join assessment_results r on r.id = x.result_id
                      where r.assessment_id = p_run), '[]'),
           array(select distinct o.assessment_id from assessment_results r
                   join assessment_results o on o.id = r.carried_over_from
                  where r.assessment_id = p_run);
    update assessments set results_archived_at = now() where id = p_run;
    -- Their comments and raw answers go with them (on delete cascade).
    delete from assessment_results where assessment_id = p_run;
    return true;
end
$$;

-- Makes one run's results live for the rest of the transaction: puts them back if they
-- are archived (the runs they were carried over from first), and holds the run so that
-- no sweep archives it meanwhile. True if they were archived.
create function assay_results_live(p_run uuid) returns boolean
    language plpgsql
as $$
declare
    v_archived_at timestamptz;
    v_archive assessment_result_archives;
    v_from uuid;
begin
    select results_archived_at into v_archived_at from assessments where id = p_run for no key update;
    if v_archived_at is null then
        return false;
    end if;
    select * into strict v_archive from assessment_result_archives where assessment_id = p_run;
    foreach v_from in array v_archive.carried_from_runs loop
        perform assay_results_live(v_from);
    end loop;
    update assessments set results_archived_at = null, results_restored_at = now() where id = p_run;
    insert into assessment_results
    select * from jsonb_populate_recordset(null::assessment_results, (
        -- A run carried from that no longer exists: the link goes, as on delete set null.
        select coalesce(jsonb_agg(case when e ->> 'carried_over_from' is not null
                                            and not exists (select from assessment_results o
                                                             where o.id = (e ->> 'carried_over_from')::uuid)
                                       then e - 'carried_over_from' else e end), '[]')
          from jsonb_array_elements(v_archive.results::jsonb) e));
    insert into result_comments
    select * from json_populate_recordset(null::result_comments, v_archive.comments);
    insert into assessment_result_answers
    select * from json_populate_recordset(null::assessment_result_answers, v_archive.answers);
    delete from assessment_result_archives where assessment_id = p_run;
    return true;
end
$$;

-- A run's results wherever they are, as rows of assessment_results.
create function assay_results_of(p_run uuid) returns setof assessment_results
    language sql stable
as $$
    select * from assessment_results where assessment_id = p_run
    union all
    select r.*
      from assessment_result_archives x
     cross join json_populate_recordset(null::assessment_results, x.results) r
     where x.assessment_id = p_run
$$;

-- A run's comments wherever they are, as rows of result_comments.
create function assay_comments_of(p_run uuid) returns setof result_comments
    language sql stable
as $$
    select * from result_comments where assessment_id = p_run
    union all
    select c.*
      from assessment_result_archives x
     cross join json_populate_recordset(null::result_comments, x.comments) c
     where x.assessment_id = p_run
$$;

grant execute on function assay_may_archive(uuid, integer), assay_archive_results(uuid), assay_results_live(uuid),
    assay_results_of(uuid), assay_comments_of(uuid) to assay_application;
