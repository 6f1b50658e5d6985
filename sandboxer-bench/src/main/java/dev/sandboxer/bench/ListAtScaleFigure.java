package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import java.nio.file.Path;
import dev.sandboxer.core.store.JdbcStore;
import java.sql.Connection;
import java.time.Clock;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Figure 5: with 100,000 sandboxes in the SQLite store, latency of a list page of 50 (first page with the
 * CLI's default filter, the next page by cursor, one project's first page) and of get by id, interleaved.
 */
final class ListAtScaleFigure implements Figure {
    private static final double TARGET_P99_MS = 20;
    private static final int WARM_UP = 10;
    private static final Set<SandboxState> NOT_DESTROYED = EnumSet.complementOf(EnumSet.of(SandboxState.DESTROYED));

    /** Where {@code bench/run.sh} puts the URL of its PostgreSQL (scripts/postgres.sh). */
    static final String PG_URL = "SANDBOXER_BENCH_PG_URL";

    private final boolean postgres;

    /** @param postgres on PostgreSQL (a fresh database on the server {@link #PG_URL} names), else SQLite */
    ListAtScaleFigure(boolean postgres) {
        this.postgres = postgres;
    }

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        if (!postgres) {
            Path db = settings.dir("list").resolve("sandboxer.db");
            try (ReferenceEngine engine = new ReferenceEngine(db)) {
                FigureResult result = measure(settings, engine, "list-at-scale", "list at scale (SQLite)",
                        "SQLite file on local disk");
                result.breakdown().set("sql", sqlBreakdown(db));
                return result;
            }
        }
        String server = System.getenv(PG_URL);
        if (server == null || server.isBlank()) {
            throw new IllegalStateException(PG_URL + " is not set: bench/run.sh sets it from scripts/postgres.sh");
        }
        try (BenchDatabase database = BenchDatabase.create(server);
             ReferenceEngine engine = new ReferenceEngine(JdbcStore.postgresql(database.url(), Clock.systemUTC()))) {
            return measure(settings, engine, "list-at-scale-pg", "list at scale (PostgreSQL)",
                    "PostgreSQL " + database.version() + " on 127.0.0.1 (scripts/postgres.sh), a fresh database");
        }
    }

    private static FigureResult measure(RunSettings settings, ReferenceEngine engine, String id, String title,
                                        String where) {
        int count = settings.count(100_000, 20_000);
        // A first page costs a sort of every live sandbox (see the breakdown): 120 rounds keep the run short.
        int rounds = settings.count(120, 60);
        {
            long seedStart = System.nanoTime();
            List<String> ids = StoreSeeder.seed(engine.store, count, Instant.now());
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            SandboxFilter live = new SandboxFilter(Set.of(), Optional.empty(), NOT_DESTROYED, Optional.empty(), Map.of());
            SandboxFilter project = new SandboxFilter(Set.of("project-3"), Optional.empty(), NOT_DESTROYED,
                    Optional.empty(), Map.of());
            Optional<String> next = engine.engine.list(live, Scope.ALL, Optional.empty(), 1000).nextCursor();
            SplittableRandom random = new SplittableRandom(7);
            Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
            queries.put("list first page (50)", () -> engine.engine.list(live, Scope.ALL, Optional.empty(), 50));
            queries.put("list next page by cursor (after 1,000)", () -> engine.engine.list(live, Scope.ALL, next, 50));
            queries.put("list --project (50)", () -> engine.engine.list(project, Scope.ALL, Optional.empty(), 50));
            queries.put("get by id", () -> engine.engine.get(ids.get(random.nextInt(ids.size())), Scope.ALL));
            Map<String, Samples> samples = new LinkedHashMap<>();
            queries.keySet().forEach(k -> samples.put(k, new Samples()));
            for (int round = -WARM_UP; round < rounds; round++) {
                for (var query : queries.entrySet()) {
                    long start = System.nanoTime();
                    query.getValue().get();
                    if (round >= 0) {
                        samples.get(query.getKey()).addNanos(System.nanoTime() - start);
                    }
                }
            }
            double worst = samples.values().stream().mapToDouble(s -> s.percentile(99)).max().orElseThrow();
            FigureResult result = new FigureResult(id, title)
                    .how(String.format("%,d sandboxes seeded in %.1f s (10,000 per transaction), then %d interleaved "
                            + "rounds of the four calls through the engine after %d warm-up rounds; %s",
                            count, seedSeconds, rounds, WARM_UP, where))
                    .value("seeded", count).value("seed_seconds", seedSeconds).value("worst_p99_ms", worst);
            StringBuilder text = new StringBuilder();
            samples.forEach((name, s) -> {
                result.side(name, s);
                text.append(String.format("%s p50 %.2f / p99 %.2f ms; ", name, s.median(), s.percentile(99)));
            });
            result.measured(text.toString().replaceAll("; $", ""))
                    .target("p99 ≤ 20 ms", worst <= TARGET_P99_MS);
            return result;
        }
    }

    private static String plan(Connection c, String sql) throws java.sql.SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = c.createStatement().executeQuery("explain query plan " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append("; ");
            }
        }
        return plan.toString();
    }

    /**
     * The first page's query alone, as the store writes it, with SQLite's plan: how much of a list call is the
     * query and how much is mapping rows and reading labels (one query per sandbox).
     */
    private static ObjectNode sqlBreakdown(Path db) throws Exception {
        ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        String states = String.join(",", NOT_DESTROYED.stream().map(s -> "'" + s.id() + "'").sorted().toList());
        String sql = "select s.* from sandboxes s where s.state in (" + states + ")"
                + " order by s.created_at desc, s.id desc limit 51";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            node.put("first page query", sql);
            node.put("query plan", plan(c, sql));
            Samples raw = new Samples();
            Samples labels = new Samples();
            try (PreparedStatement page = c.prepareStatement(sql);
                 PreparedStatement label = c.prepareStatement(
                         "select name, value from sandbox_labels where sandbox_id = ? order by name")) {
                for (int i = 0; i < 300; i++) {
                    long start = System.nanoTime();
                    List<String> ids = new java.util.ArrayList<>();
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString("id"));
                        }
                    }
                    long mid = System.nanoTime();
                    for (String id : ids) {
                        label.setString(1, id);
                        try (ResultSet rs = label.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                    }
                    if (i >= 100) {
                        raw.addNanos(mid - start);
                        labels.addNanos(System.nanoTime() - mid);
                    }
                }
            }
            node.put("page query alone, one open connection (median ms)", Samples.round(raw.median()));
            node.put("51 label queries, prepared (median ms)", Samples.round(labels.median()));
            // The same query with the state index ruled out (unary +): SQLite then walks the listing index
            // newest first and stops at 51 rows instead of sorting every live sandbox.
            String walk = sql.replace("where s.state in", "where +s.state in");
            node.put("what-if query", walk);
            node.put("what-if plan", plan(c, walk));
            Samples whatIf = new Samples();
            try (PreparedStatement page = c.prepareStatement(walk)) {
                for (int i = 0; i < 300; i++) {
                    long start = System.nanoTime();
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            rs.getString("id");
                        }
                    }
                    if (i >= 100) {
                        whatIf.addNanos(System.nanoTime() - start);
                    }
                }
            }
            node.put("what-if page query alone (median ms)", Samples.round(whatIf.median()));
        }
        return node;
    }
}
