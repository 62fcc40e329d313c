-- A run's status and progress are announced when the transaction that changes them
-- commits, to every copy of Assay: progress streams follow runs without polling.
create function assay_announce_assessment() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('assessment_changed', new.id::text);
    return null;
end
$$;

create trigger assessments_announce
    after update of status, progress_done, progress_total on assessments
    for each row
    when (old.status is distinct from new.status
          or old.progress_done is distinct from new.progress_done
          or old.progress_total is distinct from new.progress_total)
    execute function assay_announce_assessment();
