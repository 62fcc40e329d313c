-- A run may start with a required bucket empty, when the person starting it confirms: a
-- missing document is itself a finding. The run remembers which buckets were empty; every
-- criterion that needs one of them fails with that as its reasoning, without asking the AI.
alter table assessments add column missing_bucket_ids uuid[] not null default '{}';
