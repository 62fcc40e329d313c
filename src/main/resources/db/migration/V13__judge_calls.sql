-- Calls to a model provider, shared by every copy of Assay: what keeps all of them together
-- within the provider's limits (concurrent calls, requests and tokens per minute). It holds
-- no organisation's data (a judge's name, when, how many tokens), so it has no
-- organization_id and no row-level security: the limits are the provider account's, not a
-- tenant's.
create table judge_calls (
    id          bigint generated always as identity primary key,
    judge       varchar(200) not null,
    started_at  timestamptz  not null,
    -- a copy that dies mid-call frees its slot when the lease runs out
    lease_until timestamptz  not null,
    finished_at timestamptz,
    -- estimated when the call starts, as the provider counted them when it ends
    tokens      bigint       not null constraint judge_calls_tokens_check check (tokens >= 0)
);
create index judge_calls_by_judge on judge_calls (judge, started_at);

grant select, insert, update, delete on judge_calls to assay_application;
