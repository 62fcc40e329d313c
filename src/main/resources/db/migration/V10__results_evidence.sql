-- Results as the evaluation engine writes them: one per criterion of an assessment (so a
-- resumed job overwrites rather than duplicates), every evidence item with whether its
-- quote was found in the document, and which judge gave the verdict.
alter table assessment_results add constraint assessment_results_criterion_key unique (assessment_id, criteria_id);
alter table assessment_results add column evidence jsonb not null default '[]'::jsonb;
alter table assessment_results add column judge varchar(50);
alter table assessment_results add column updated_at timestamptz not null default now();
