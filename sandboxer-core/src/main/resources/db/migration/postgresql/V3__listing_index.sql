-- A listing filters by state and orders by (created_at, id). With an index on state, SQLite chose it and
-- sorted the whole matching set (283 ms for a first page of 50 at 100,000 sandboxes, bench/); without it,
-- it walks sandboxes_listing in order and stops after one page. The reaper looks sandboxes up by expiry.
drop index sandboxes_state;
create index sandboxes_expiry on sandboxes (expires_at);
