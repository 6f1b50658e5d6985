-- Remote hosts that sandboxes are placed on (docs/hosts.md). Times are epoch milliseconds.

create table hosts (
    name                  varchar(63) primary key,
    address               varchar(255) not null,
    port                  integer not null,
    ssh_user              varchar(64) not null,
    key_file              varchar(1024) not null,
    host_key_fingerprint  varchar(80) not null,
    work_root             varchar(1024) not null,
    cpu_millis            bigint not null,
    memory_mb             bigint not null,
    max_sandboxes         integer not null,
    labels                text not null,
    state                 varchar(16) not null,
    added_at              bigint not null
);

-- What each live sandbox holds on its host. The primary key makes a sandbox hold one place at most; placement
-- reads the sums and inserts in one write transaction, so concurrent creates cannot over-commit a host.
create table host_reservations (
    sandbox_id   varchar(64) primary key,
    host_name    varchar(63) not null references hosts (name),
    cpu_millis   bigint not null,
    memory_mb    bigint not null,
    reserved_at  bigint not null
);
create index host_reservations_host on host_reservations (host_name);

-- A bounded history of what each host reported (or that it could not be reached).
create table host_samples (
    host_name         varchar(63) not null references hosts (name),
    at                bigint not null,
    reachable         integer not null,
    load1             double precision,
    memory_total_mb   bigint,
    memory_free_mb    bigint,
    disk_used_percent integer,
    containers        integer,
    error             varchar(500),
    primary key (host_name, at)
);
