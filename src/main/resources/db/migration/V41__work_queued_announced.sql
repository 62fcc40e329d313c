-- Work queued by one copy is announced to every copy when its transaction commits, so
-- that a copy with free threads picks it up at once rather than at its next poll.
create function assay_announce_work() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('work_queued', '');
    return null;
end
$$;

create trigger scheduled_tasks_announce
    after insert on scheduled_tasks
    for each statement
    execute function assay_announce_work();
