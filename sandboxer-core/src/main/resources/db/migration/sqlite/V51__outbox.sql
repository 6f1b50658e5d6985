-- The event outbox (docs/guarantees.md): events are already appended in the same transaction as each
-- transition; this keeps, per webhook sink, how far delivery got. One replica at a time holds a sink (holder,
-- held_until) and delivers its events in sequence order, so a sink sees each sandbox's events in order; a
-- holder that dies lets go when held_until passes. Delivery is at least once: the cursor moves only after the
-- sink answered 2xx.

create table outbox_cursors (
    sink             varchar(63) primary key,
    delivered_seq    bigint not null,
    holder           varchar(64),
    held_until       bigint,
    attempts         integer not null,
    next_attempt_at  bigint not null,
    last_error       text
);
