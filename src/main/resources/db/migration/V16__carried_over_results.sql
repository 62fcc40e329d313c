-- A re-run keeps the result (and its review) of a criterion whose documents did not change;
-- the copy names the result it was carried over from, so that nobody mistakes it for a new
-- judgement, and it costs nothing.
alter table assessment_results
    add column carried_over_from uuid references assessment_results (id) on delete set null;
