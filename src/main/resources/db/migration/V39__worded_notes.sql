-- What Assay itself writes about a verdict or a run (evidence not found, pages not read,
-- the AI provider away) is kept as message keys with their arguments, so that each reader
-- sees it in their own language. The judge's own reasoning stays in reasoning; runs and
-- results written before keep their English text there and have no notes.
alter table assessment_results add column reasoning_notes jsonb not null default '[]'::jsonb;
alter table assessments add column error_wording jsonb;
