-- Requests per client address and action (logins, sign-ups, share views) in fixed windows,
-- shared by every copy of the service so that a limit holds behind a load balancer. The
-- address is kept as a SHA-256 digest. Not tenant data: no organisation is known yet when
-- these are counted.
create table client_limits (
    action       varchar(40) not null,
    client       bytea       not null,
    window_start timestamptz not null default now(),
    hits         integer     not null default 0 constraint client_limits_hits_check check (hits >= 0),
    primary key (action, client)
);
create index client_limits_window_start on client_limits (window_start);
grant select, insert, update, delete on client_limits to assay_application;
