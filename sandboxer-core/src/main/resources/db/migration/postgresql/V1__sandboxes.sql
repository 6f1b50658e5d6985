-- PostgreSQL twin of ../sqlite/V1__sandboxes.sql: same tables, columns and indexes (events.seq is a
-- bigserial where SQLite has an autoincrement key). Times are epoch milliseconds (bigint).
-- JSON columns are text written and read by the store; the engine never queries inside them.

create table installation (
    singleton    integer primary key check (singleton = 1),
    id           varchar(64) not null,
    created_at   bigint not null
);

create table sandboxes (
    id                 varchar(64) primary key,
    project            varchar(63) not null,
    consumer_kind      varchar(3) not null,
    consumer_name      varchar(100) not null,
    profile_id         varchar(63) not null,
    profile_version    integer not null,
    profile_digest     varchar(64) not null,
    inputs             text not null,
    extension_id       varchar(63) not null,
    extension_version  varchar(40) not null,
    routing_reason     text not null,
    location           varchar(255),
    state              varchar(16) not null,
    created_at         bigint not null,
    updated_at         bigint not null,
    expires_at         bigint not null,
    max_expires_at     bigint not null,
    backend_deadline   bigint,
    backend_state      text,
    endpoints          text not null,
    isolation          text not null,
    resources          text not null,
    observed           text,
    failure            text,
    idempotency_key    varchar(200),
    request_hash       varchar(64) not null,
    version            bigint not null
);
create unique index sandboxes_idempotency on sandboxes (project, idempotency_key);
create index sandboxes_listing on sandboxes (created_at, id);
create index sandboxes_project on sandboxes (project, created_at);
create index sandboxes_state on sandboxes (state, expires_at);

create table sandbox_labels (
    sandbox_id  varchar(64) not null references sandboxes (id),
    name        varchar(100) not null,
    value       varchar(255) not null,
    primary key (sandbox_id, name)
);
create index sandbox_labels_lookup on sandbox_labels (name, value);

create table operations (
    id              varchar(64) primary key,
    sandbox_id      varchar(64) not null references sandboxes (id),
    seq             integer not null,
    verb            varchar(16) not null,
    from_state      varchar(16) not null,
    to_state        varchar(16),
    reason          varchar(32) not null,
    initiator_kind  varchar(3) not null,
    initiator_name  varchar(100) not null,
    status          varchar(16) not null,
    started_at      bigint not null,
    ended_at        bigint,
    error           text
);
create unique index operations_sandbox on operations (sandbox_id, seq);

create table events (
    seq         bigserial primary key,
    id          varchar(64) not null unique,
    type        varchar(100) not null,
    subject     varchar(64) not null,
    project     varchar(63) not null,
    time        bigint not null,
    data        text not null
);
create index events_subject on events (subject, seq);

create table port_claims (
    host        varchar(255) not null,
    port        integer not null,
    sandbox_id  varchar(64) not null,
    primary key (host, port)
);
create index port_claims_sandbox on port_claims (sandbox_id);
