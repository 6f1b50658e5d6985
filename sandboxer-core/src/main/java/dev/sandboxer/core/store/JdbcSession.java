package dev.sandboxer.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.Endpoint;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** One transaction's view of the store; SQL lives here and nowhere else. */
final class JdbcSession implements StoreSession {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<List<Endpoint>> ENDPOINTS = new TypeReference<>() { };
    private static final TypeReference<Set<String>> STRING_SET = new TypeReference<>() { };

    private final Handle handle;
    private final Clock clock;

    JdbcSession(Handle handle, Clock clock) {
        this.handle = handle;
        this.clock = clock;
    }

    @Override
    public void insertSandbox(Sandbox s) {
        handle.createUpdate("""
                insert into sandboxes (id, project, consumer_kind, consumer_name, profile_id, profile_version,
                    profile_digest, inputs, extension_id, extension_version, routing_reason, location, state,
                    created_at, updated_at, expires_at, max_expires_at, backend_deadline, backend_state, endpoints,
                    isolation, resources, observed, failure, idempotency_key, request_hash, version)
                values (:id, :project, :consumerKind, :consumerName, :profileId, :profileVersion, :profileDigest,
                    :inputs, :extensionId, :extensionVersion, :routingReason, :location, :state, :createdAt,
                    :updatedAt, :expiresAt, :maxExpiresAt, :backendDeadline, :backendState, :endpoints, :isolation,
                    :resources, :observed, :failure, :idempotencyKey, :requestHash, 1)
                """)
                .bindMap(columns(s))
                .execute();
        for (var label : s.labels().entrySet()) {
            handle.createUpdate("insert into sandbox_labels (sandbox_id, name, value) values (:id, :name, :value)")
                    .bind("id", s.id()).bind("name", label.getKey()).bind("value", label.getValue()).execute();
        }
    }

    @Override
    public Sandbox updateSandbox(Sandbox s) {
        int changed = handle.createUpdate("""
                update sandboxes set location = :location, state = :state, updated_at = :updatedAt,
                    expires_at = :expiresAt, max_expires_at = :maxExpiresAt, backend_deadline = :backendDeadline,
                    backend_state = :backendState, endpoints = :endpoints, isolation = :isolation,
                    observed = :observed, failure = :failure, version = version + 1
                where id = :id and version = :version
                """)
                .bindMap(columns(s))
                .bind("version", s.version())
                .execute();
        if (changed != 1) {
            throw new ConcurrentChangeException(s.id());
        }
        return findSandbox(s.id()).orElseThrow();
    }

    private static Map<String, Object> columns(Sandbox s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", s.id());
        c.put("project", s.project());
        c.put("consumerKind", s.consumer().kind().id());
        c.put("consumerName", s.consumer().name());
        c.put("profileId", s.profile().id());
        c.put("profileVersion", s.profile().version());
        c.put("profileDigest", s.profile().digest());
        c.put("inputs", Json.write(s.profile().inputs()));
        c.put("extensionId", s.routing().extensionId());
        c.put("extensionVersion", s.routing().extensionVersion());
        c.put("routingReason", s.routing().reason());
        c.put("location", s.location().orElse(null));
        c.put("state", s.state().id());
        c.put("createdAt", s.createdAt().toEpochMilli());
        c.put("updatedAt", s.updatedAt().toEpochMilli());
        c.put("expiresAt", s.expiresAt().toEpochMilli());
        c.put("maxExpiresAt", s.maxExpiresAt().toEpochMilli());
        c.put("backendDeadline", s.backendDeadline().map(Instant::toEpochMilli).orElse(null));
        c.put("backendState", s.backendState().orElse(null));
        c.put("endpoints", Json.write(s.endpoints()));
        c.put("isolation", Json.write(s.isolation()));
        c.put("resources", Json.write(s.resources()));
        c.put("observed", s.observed().map(Json::write).orElse(null));
        c.put("failure", s.failure().orElse(null));
        c.put("idempotencyKey", s.idempotencyKey().orElse(null));
        c.put("requestHash", s.requestHash());
        return c;
    }

    @Override
    public Optional<Sandbox> findSandbox(String id) {
        return handle.createQuery("select * from sandboxes where id = :id").bind("id", id)
                .map((rs, ctx) -> sandbox(rs)).findOne().map(this::withLabels);
    }

    @Override
    public Optional<Sandbox> findByIdempotencyKey(String project, String key) {
        return handle.createQuery("select * from sandboxes where project = :project and idempotency_key = :key")
                .bind("project", project).bind("key", key)
                .map((rs, ctx) -> sandbox(rs)).findOne().map(this::withLabels);
    }

    private Sandbox withLabels(Sandbox s) {
        Map<String, String> labels = new LinkedHashMap<>();
        handle.createQuery("select name, value from sandbox_labels where sandbox_id = :id order by name")
                .bind("id", s.id())
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("value")))
                .forEach(e -> labels.put(e.getKey(), e.getValue()));
        return new Sandbox(s.id(), s.project(), s.consumer(), s.profile(), s.routing(), s.location(), s.state(),
                labels, s.createdAt(), s.updatedAt(), s.expiresAt(), s.maxExpiresAt(), s.backendDeadline(),
                s.backendState(), s.endpoints(), s.isolation(), s.resources(), s.observed(), s.failure(),
                s.idempotencyKey(), s.requestHash(), s.version());
    }

    private static Sandbox sandbox(ResultSet rs) throws SQLException {
        return new Sandbox(
                rs.getString("id"),
                rs.getString("project"),
                new Consumer(Consumer.Kind.valueOf(rs.getString("consumer_kind").toUpperCase(Locale.ROOT)),
                        rs.getString("consumer_name")),
                new Sandbox.ProfileUse(rs.getString("profile_id"), rs.getInt("profile_version"),
                        rs.getString("profile_digest"), Json.read(rs.getString("inputs"), STRING_MAP)),
                new Sandbox.Routing(rs.getString("extension_id"), rs.getString("extension_version"),
                        rs.getString("routing_reason")),
                Optional.ofNullable(rs.getString("location")),
                SandboxState.fromId(rs.getString("state")),
                Map.of(),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                Instant.ofEpochMilli(rs.getLong("max_expires_at")),
                optionalInstant(rs, "backend_deadline"),
                Optional.ofNullable(rs.getString("backend_state")),
                Json.read(rs.getString("endpoints"), ENDPOINTS),
                Json.read(rs.getString("isolation"), STRING_MAP),
                Json.read(rs.getString("resources"), Sandbox.ResourceUse.class),
                Optional.ofNullable(rs.getString("observed")).map(o -> Json.read(o, Sandbox.Observed.class)),
                Optional.ofNullable(rs.getString("failure")),
                Optional.ofNullable(rs.getString("idempotency_key")),
                rs.getString("request_hash"),
                rs.getLong("version"));
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    @Override
    public Page<Sandbox> listSandboxes(SandboxFilter filter, Optional<String> cursor, int limit) {
        Where where = where(filter);
        if (cursor.isPresent()) {
            Cursor c = Cursor.decode(cursor.get());
            where.add("(s.created_at < :cursorAt or (s.created_at = :cursorAt and s.id < :cursorId))");
            where.bind("cursorAt", c.createdAt());
            where.bind("cursorId", c.id());
        }
        Query query = handle.createQuery("select s.* from sandboxes s" + where.sql()
                + " order by s.created_at desc, s.id desc limit :limit");
        where.bindTo(query);
        List<Sandbox> rows = new ArrayList<>(query.bind("limit", limit + 1).map((rs, ctx) -> sandbox(rs)).list());
        Optional<String> next = Optional.empty();
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            Sandbox last = rows.getLast();
            next = Optional.of(new Cursor(last.createdAt().toEpochMilli(), last.id()).encode());
        }
        return new Page<>(rows.stream().map(this::withLabels).toList(), next);
    }

    @Override
    public long countSandboxes(SandboxFilter filter) {
        Where where = where(filter);
        Query query = handle.createQuery("select count(*) from sandboxes s" + where.sql());
        where.bindTo(query);
        return query.mapTo(Long.class).one();
    }

    private static Where where(SandboxFilter filter) {
        Where where = new Where();
        if (!filter.projects().isEmpty()) {
            where.add("s.project in (<projects>)");
            where.bindList("projects", List.copyOf(filter.projects()));
        }
        filter.consumer().ifPresent(c -> {
            where.add("s.consumer_kind = :consumerKind and s.consumer_name = :consumerName");
            where.bind("consumerKind", c.kind().id());
            where.bind("consumerName", c.name());
        });
        if (!filter.states().isEmpty()) {
            where.add("s.state in (<states>)");
            where.bindList("states", filter.states().stream().map(SandboxState::id).sorted().toList());
        }
        filter.profileId().ifPresent(p -> {
            where.add("s.profile_id = :profileId");
            where.bind("profileId", p);
        });
        int i = 0;
        for (var label : filter.labels().entrySet()) {
            where.add("exists (select 1 from sandbox_labels l where l.sandbox_id = s.id and l.name = :ln" + i
                    + " and l.value = :lv" + i + ")");
            where.bind("ln" + i, label.getKey());
            where.bind("lv" + i, label.getValue());
            i++;
        }
        return where;
    }

    @Override
    public void insertOperation(Operation op) {
        handle.createUpdate("""
                insert into operations (id, sandbox_id, seq, verb, from_state, to_state, reason, initiator_kind,
                    initiator_name, status, started_at, ended_at, error)
                values (:id, :sandboxId,
                    (select coalesce(max(o.seq), 0) + 1 from operations o where o.sandbox_id = :sandboxId),
                    :verb, :fromState, :toState, :reason, :initiatorKind, :initiatorName,
                    :status, :startedAt, :endedAt, :error)
                """)
                .bindMap(operationColumns(op)).execute();
    }

    @Override
    public void updateOperation(Operation op) {
        handle.createUpdate("""
                update operations set to_state = :toState, status = :status, ended_at = :endedAt, error = :error
                where id = :id and ended_at is null
                """)
                .bindMap(operationColumns(op)).execute();
    }

    private static Map<String, Object> operationColumns(Operation op) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", op.id());
        c.put("sandboxId", op.sandboxId());
        c.put("verb", op.verb().id());
        c.put("fromState", op.fromState().id());
        c.put("toState", op.toState().map(SandboxState::id).orElse(null));
        c.put("reason", op.reason());
        c.put("initiatorKind", op.initiator().kind().id());
        c.put("initiatorName", op.initiator().name());
        c.put("status", op.status().id());
        c.put("startedAt", op.startedAt().toEpochMilli());
        c.put("endedAt", op.endedAt().map(Instant::toEpochMilli).orElse(null));
        c.put("error", op.error().orElse(null));
        return c;
    }

    @Override
    public List<Operation> operations(String sandboxId) {
        return handle.createQuery("select * from operations where sandbox_id = :id order by seq")
                .bind("id", sandboxId)
                .map((rs, ctx) -> operation(rs))
                .list();
    }

    @Override
    public Optional<Operation> operation(String operationId) {
        return handle.createQuery("select * from operations where id = :id")
                .bind("id", operationId)
                .map((rs, ctx) -> operation(rs))
                .findOne();
    }

    private static Operation operation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Operation(rs.getString("id"), rs.getString("sandbox_id"),
                        Verb.valueOf(rs.getString("verb").toUpperCase(Locale.ROOT)),
                        SandboxState.fromId(rs.getString("from_state")),
                        Optional.ofNullable(rs.getString("to_state")).map(SandboxState::fromId),
                        rs.getString("reason"),
                        new Consumer(Consumer.Kind.valueOf(rs.getString("initiator_kind").toUpperCase(Locale.ROOT)),
                                rs.getString("initiator_name")),
                        OperationStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(rs.getLong("started_at")),
                        optionalInstant(rs, "ended_at"),
                        Optional.ofNullable(rs.getString("error")));
    }

    @Override
    public SandboxEvent appendEvent(SandboxEvent event) {
        long seq = handle.createUpdate("""
                insert into events (id, type, subject, project, time, data)
                values (:id, :type, :subject, :project, :time, :data)
                """)
                .bind("id", event.id()).bind("type", event.type()).bind("subject", event.subject())
                .bind("project", event.project()).bind("time", event.time().toEpochMilli())
                .bind("data", Json.write(event.data()))
                .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
        return new SandboxEvent(seq, event.id(), event.type(), event.subject(), event.time(), event.project(),
                event.data());
    }

    @Override
    public List<SandboxEvent> events(Optional<String> sandboxId, long afterSeq, int limit) {
        String sql = "select * from events where seq > :after"
                + (sandboxId.isPresent() ? " and subject = :subject" : "") + " order by seq limit :limit";
        Query query = handle.createQuery(sql).bind("after", afterSeq).bind("limit", limit);
        sandboxId.ifPresent(id -> query.bind("subject", id));
        return query.map((rs, ctx) -> new SandboxEvent(rs.getLong("seq"), rs.getString("id"), rs.getString("type"),
                rs.getString("subject"), Instant.ofEpochMilli(rs.getLong("time")), rs.getString("project"),
                Json.read(rs.getString("data"), OBJECT_MAP))).list();
    }

    @Override
    public Set<Integer> claimedPorts(String host) {
        return new HashSet<>(handle.createQuery("select port from port_claims where host = :host")
                .bind("host", host).mapTo(Integer.class).list());
    }

    @Override
    public boolean claimPort(String host, int port, String sandboxId) {
        // "on conflict do nothing" rather than catching the violation: on PostgreSQL a failed statement
        // aborts the whole transaction, and SQLite (3.24+) takes the same clause.
        return handle.createUpdate("""
                insert into port_claims (host, port, sandbox_id) values (:host, :port, :id)
                on conflict do nothing
                """)
                .bind("host", host).bind("port", port).bind("id", sandboxId).execute() == 1;
    }

    @Override
    public void releasePorts(String sandboxId) {
        handle.createUpdate("delete from port_claims where sandbox_id = :id").bind("id", sandboxId).execute();
    }

    @Override
    public void heartbeat(String runnerId, Instant at) {
        handle.createUpdate("""
                insert into runners (id, started_at, heartbeat_at) values (:id, :at, :at)
                on conflict (id) do update set heartbeat_at = excluded.heartbeat_at
                """)
                .bind("id", runnerId).bind("at", at.toEpochMilli()).execute();
    }

    @Override
    public void assignRunner(String operationId, String runnerId) {
        handle.createUpdate("insert into operation_runners (operation_id, runner_id) values (:op, :runner)")
                .bind("op", operationId).bind("runner", runnerId).execute();
    }

    @Override
    public Set<String> operationsOfDeadRunners(String sandboxId, Instant cutoff) {
        return new HashSet<>(handle.createQuery("""
                select o.id from operations o
                join operation_runners r on r.operation_id = o.id
                join runners n on n.id = r.runner_id
                where o.sandbox_id = :id and o.status = 'running' and n.heartbeat_at < :cutoff
                """)
                .bind("id", sandboxId).bind("cutoff", cutoff.toEpochMilli()).mapTo(String.class).list());
    }

    @Override
    public List<Sandbox> expiringBefore(Set<SandboxState> states, Instant before, int limit) {
        return handle.createQuery("""
                select * from sandboxes where expires_at < :before and state in (<states>)
                order by expires_at, id limit :limit
                """)
                .bind("before", before.toEpochMilli())
                .bindList("states", states.stream().map(SandboxState::id).sorted().toList())
                .bind("limit", limit)
                .map((rs, ctx) -> sandbox(rs)).list().stream().map(this::withLabels).toList();
    }

    @Override
    public boolean markWarned(String sandboxId, Instant expiresAt) {
        return handle.createUpdate("""
                insert into lease_warnings (sandbox_id, expires_at) values (:id, :at) on conflict do nothing
                """)
                .bind("id", sandboxId).bind("at", expiresAt.toEpochMilli()).execute() == 1;
    }

    @Override
    public Optional<OutboxCursor> holdSink(String sink, String holder, Instant now, Instant until) {
        handle.createUpdate("""
                insert into outbox_cursors (sink, delivered_seq, holder, held_until, attempts, next_attempt_at)
                values (:sink, (select coalesce(max(seq), 0) from events), null, 0, 0, 0)
                on conflict do nothing
                """)
                .bind("sink", sink).execute();
        int held = handle.createUpdate("""
                update outbox_cursors set holder = :holder, held_until = :until
                where sink = :sink and (holder is null or holder = :holder or held_until < :now)
                """)
                .bind("sink", sink).bind("holder", holder).bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli()).execute();
        return held == 1 ? outboxCursor(sink) : Optional.empty();
    }

    @Override
    public void delivered(String sink, String holder, long seq) {
        handle.createUpdate("""
                update outbox_cursors set delivered_seq = :seq, attempts = 0, next_attempt_at = 0, last_error = null
                where sink = :sink and holder = :holder and delivered_seq < :seq
                """)
                .bind("sink", sink).bind("holder", holder).bind("seq", seq).execute();
    }

    @Override
    public void deliveryFailed(String sink, String holder, int attempts, Instant next, String error) {
        handle.createUpdate("""
                update outbox_cursors set attempts = :attempts, next_attempt_at = :next, last_error = :error
                where sink = :sink and holder = :holder
                """)
                .bind("sink", sink).bind("holder", holder).bind("attempts", attempts)
                .bind("next", next.toEpochMilli()).bind("error", error).execute();
    }

    @Override
    public Optional<OutboxCursor> outboxCursor(String sink) {
        return handle.createQuery("select * from outbox_cursors where sink = :sink").bind("sink", sink)
                .map((rs, ctx) -> new OutboxCursor(rs.getString("sink"), rs.getLong("delivered_seq"),
                        Optional.ofNullable(rs.getString("holder")), Instant.ofEpochMilli(rs.getLong("held_until")),
                        rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                        Optional.ofNullable(rs.getString("last_error"))))
                .findOne();
    }

    @Override
    public void insertToken(TokenRow t) {
        handle.createUpdate("""
                insert into tokens (id, secret_hash, consumer_kind, consumer_name, projects, created_at, revoked_at)
                values (:id, :hash, :kind, :name, :projects, :createdAt, :revokedAt)
                """)
                .bind("id", t.id()).bind("hash", t.secretHash()).bind("kind", t.consumer().kind().id())
                .bind("name", t.consumer().name()).bind("projects", Json.write(new TreeSet<>(t.projects())))
                .bind("createdAt", t.createdAt().toEpochMilli())
                .bind("revokedAt", t.revokedAt().map(Instant::toEpochMilli).orElse(null))
                .execute();
    }

    @Override
    public Optional<TokenRow> findToken(String id) {
        return handle.createQuery("select * from tokens where id = :id").bind("id", id)
                .map((rs, ctx) -> token(rs)).findOne();
    }

    @Override
    public Optional<TokenRow> findTokenByHash(String secretHash) {
        return handle.createQuery("select * from tokens where secret_hash = :hash").bind("hash", secretHash)
                .map((rs, ctx) -> token(rs)).findOne();
    }

    @Override
    public List<TokenRow> tokens() {
        return handle.createQuery("select * from tokens order by created_at, id").map((rs, ctx) -> token(rs)).list();
    }

    @Override
    public boolean revokeToken(String id, Instant at) {
        return handle.createUpdate("update tokens set revoked_at = :at where id = :id and revoked_at is null")
                .bind("id", id).bind("at", at.toEpochMilli()).execute() == 1;
    }

    private static TokenRow token(ResultSet rs) throws SQLException {
        return new TokenRow(rs.getString("id"), rs.getString("secret_hash"),
                new Consumer(Consumer.Kind.valueOf(rs.getString("consumer_kind").toUpperCase(Locale.ROOT)),
                        rs.getString("consumer_name")),
                Json.read(rs.getString("projects"), STRING_SET), Instant.ofEpochMilli(rs.getLong("created_at")),
                optionalInstant(rs, "revoked_at"));
    }

    /** Cursor over (created_at desc, id desc); opaque to callers. */
    private record Cursor(long createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor '" + text + "' is not one this server handed out");
            }
        }
    }

    /** A WHERE clause built from optional parts, with its bindings. */
    private static final class Where {
        private final List<String> parts = new ArrayList<>();
        private final Map<String, Object> binds = new LinkedHashMap<>();
        private final Map<String, List<String>> lists = new LinkedHashMap<>();

        void add(String part) {
            parts.add(part);
        }

        void bind(String name, Object value) {
            binds.put(name, value);
        }

        void bindList(String name, List<String> values) {
            lists.put(name, values);
        }

        String sql() {
            return parts.isEmpty() ? "" : " where " + String.join(" and ", parts);
        }

        void bindTo(Query query) {
            binds.forEach(query::bind);
            lists.forEach(query::bindList);
        }
    }

    Clock clock() {
        return clock;
    }

    @Override
    public Books books() {
        return new JdbcBooks(handle);
    }

    @Override
    public HostTable hosts() {
        return new JdbcHostTable(handle);
    }
}
