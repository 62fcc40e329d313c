-- Admitting a call to a judge counts the calls under way and those of the last minute.
-- Each is now read from an index of just those rows, so that the work done under the
-- judge's lock stays small however many calls a minute it takes: the calls under way from
-- a partial index, the minute's requests and tokens from the index by start time, which
-- carries the tokens.
create index judge_calls_running on judge_calls (judge) where finished_at is null;
drop index judge_calls_by_judge;
create index judge_calls_by_judge on judge_calls (judge, started_at) include (tokens);
