-- Leases across replicas (docs/guarantees.md). A sandbox's lease is its expires_at; every replica's lease keeper
-- polls for due ones and claims each with the destroy transition itself, so no separate job table is needed.
-- What is needed is to know when a replica died holding an operation, so another can take it over at once
-- instead of waiting for the operation to look stale:
--   runners            one row per server process, with the last time it said it was alive
--   operation_runners  which runner runs an operation (only operations started by a heartbeating runner)
--   lease_warnings     one "expiring" event per sandbox and expiry, however many replicas see it first

create table runners (
    id            varchar(64) primary key,
    started_at    bigint not null,
    heartbeat_at  bigint not null
);

create table operation_runners (
    operation_id  varchar(64) primary key references operations (id),
    runner_id     varchar(64) not null
);
create index operation_runners_runner on operation_runners (runner_id);

create table lease_warnings (
    sandbox_id  varchar(64) not null references sandboxes (id),
    expires_at  bigint not null,
    primary key (sandbox_id, expires_at)
);
