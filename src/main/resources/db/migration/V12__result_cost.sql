-- What each verdict cost, in thousandths of a cent (a criterion often costs less than a
-- cent); assessments.ai_cost_cents is their sum, rounded up.
alter table assessment_results add column cost_millicents bigint not null default 0
    constraint assessment_results_cost_millicents_check check (cost_millicents >= 0);
