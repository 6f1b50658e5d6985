-- API tokens (docs/http-api.md). Only the SHA-256 of a token's secret is kept: a copy of the database
-- lets nobody act as a consumer. projects is a JSON array of project ids (empty for adm tokens).

create table tokens (
    id             varchar(32) primary key,
    secret_hash    varchar(64) not null,
    consumer_kind  varchar(3) not null,
    consumer_name  varchar(100) not null,
    projects       text not null,
    created_at     bigint not null,
    revoked_at     bigint
);
create unique index tokens_secret on tokens (secret_hash);
