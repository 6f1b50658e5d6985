-- Money (docs/billing.md). Amounts are integer minor units (cents for USD); no floating point anywhere.
--
-- ledger_entries is append-only and double-entry: every transaction (txn_id) is two or more rows of one
-- project whose amounts sum to zero. The project's balance is the sum of its 'credits' rows: derived,
-- never stored as a number that is updated.
create table ledger_entries (
    seq            bigserial primary key,
    txn_id         varchar(64) not null,
    project        varchar(63) not null,
    account        varchar(32) not null,
    amount         bigint not null,
    kind           varchar(16) not null,
    sandbox_id     varchar(64),
    operation_id   varchar(64),
    sheet_version  varchar(100),
    memo           varchar(255) not null,
    created_at     bigint not null
);
create index ledger_project on ledger_entries (project, account, created_at);
create index ledger_sandbox on ledger_entries (sandbox_id);

-- One meter per sandbox: the sheet in force when it was created, what is reserved against the project's
-- balance, what has been charged so far and up to when. A checkpoint charges the difference between the
-- cost up to now and 'charged' in the same transaction that raises 'charged', so a crash loses at most one
-- interval and never charges twice. closed_at is set once, when the sandbox has ended and is fully charged.
create table meters (
    sandbox_id     varchar(64) primary key references sandboxes (id),
    project        varchar(63) not null,
    extension_id   varchar(63) not null,
    sheet          text not null,
    sheet_version  varchar(100) not null,
    own_key        integer not null,
    reserved       bigint not null,
    charged        bigint not null,
    metered_until  bigint not null,
    closed_at      bigint
);
create index meters_open on meters (closed_at, project);

-- Provider keys a project brings for a hosted extension (BYOK): AES-GCM ciphertext only, with the id of
-- the key-encryption key that sealed it, so keys can be rotated.
create table provider_keys (
    project        varchar(63) not null,
    extension_id   varchar(63) not null,
    kek_id         varchar(64) not null,
    ciphertext     text not null,
    created_at     bigint not null,
    primary key (project, extension_id)
);
