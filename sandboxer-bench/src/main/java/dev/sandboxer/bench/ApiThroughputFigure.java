package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.client.SandboxRequest;
import dev.sandboxer.client.SandboxerClient;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Engine throughput through the HTTP API: a real {@code sandboxer serve} (the same {@link SandboxerServer} on
 * a loopback port, SQLite file store, reference extension picked by a YAML profile) driven by the Java client
 * SDK over real HTTP. One op = create with {@code ?wait=true} (answers when the sandbox is ready) + destroy,
 * at 1 client thread and at 4; the figure is the better of the two, both are reported.
 */
final class ApiThroughputFigure implements Figure {
    private static final double TARGET = 300;
    private static final String PROFILE = """
            id: bench-api
            version: 1
            description: The reference backend, for the API throughput benchmark
            extension: reference
            ttl:
              default: 30m
              max: 2h
            reach:
              exec: true
            backend:
              reference: {}
            """;

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        Path home = settings.dir("api-throughput");
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles/bench-api.yaml"), PROFILE);
        AtomicLong logged = new AtomicLong();
        try (ControlPlane plane = ControlPlane.open(new SandboxerHome(home), Map.of(), Clock.systemUTC())) {
            String token = plane.tokens().create(Consumer.parse("agt:bench"), Set.of("p1")).secret();
            // The access log is produced (its cost is measured) and counted, not written to a terminal.
            SandboxerServer server = SandboxerServer.start(plane,
                    ServerSettings.defaults().withPort(0).withLog(line -> logged.incrementAndGet()));
            try (SandboxerClient client = SandboxerClient.builder().baseUrl(server.uri().toString()).token(token)
                    .build()) {
                SandboxRequest request = SandboxRequest.of("bench-api").project("p1");
                loop(client, request, 1, settings.count(3_000, 1_500));
                Samples single = new Samples();
                Samples four = new Samples();
                int rounds = settings.count(3, 2);
                long millis = settings.count(4_000, 2_000);
                for (int round = 0; round < rounds; round++) {
                    single.addMillis(loop(client, request, 1, millis));
                    four.addMillis(loop(client, request, 4, millis));
                }
                double best = Math.max(single.median(), four.median());
                FigureResult result = new FigureResult("api-throughput", "engine throughput, API")
                        .how("sandboxer-server on 127.0.0.1 (virtual threads, access log counted not printed), "
                                + "SQLite file store, reference extension via a YAML profile; the Java client over "
                                + "HTTP/1.1; op = POST /v1/sandboxes?wait=true + DELETE; " + rounds
                                + " alternating rounds of " + millis + " ms at 1 and at 4 client threads "
                                + "after a warm-up (ops/s, medians)")
                        .value("ops_per_s_1_thread", single.median())
                        .value("ops_per_s_4_threads", four.median())
                        .measured(String.format("**%.0f** sandboxes/s through the API (1 client thread: %.0f/s; "
                                + "4 threads: %.0f/s)", best, single.median(), four.median()))
                        .target("≥ 300/s API", best >= TARGET);
                ObjectNode rates = result.breakdown().putObject("ops/s per round");
                single.sorted().forEach(rates.putArray("1 thread")::add);
                four.sorted().forEach(rates.putArray("4 threads")::add);
                // Where the time goes: a JFR profile of the same loop (client and server share this JVM, so
                // the client's HTTP stack is in it too: jdk.internal.net.http).
                result.breakdown().set("JFR profile, 1 client thread (client and server in one JVM)",
                        HotMethods.profile(home.resolve("api.jfr"), () -> {
                            try {
                                loop(client, request, 1, millis);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }));
                result.note("access-log lines produced: " + logged.get());
                return result;
            } finally {
                server.stop();
            }
        }
    }

    /** Create (waiting for ready) + destroy for {@code millis} on {@code threads} threads. @return ops/s */
    private static double loop(SandboxerClient client, SandboxRequest request, int threads, long millis)
            throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int ops = 0;
                    while (System.nanoTime() < end) {
                        var made = client.createReady(request, Duration.ofSeconds(30));
                        client.destroy(made.id());
                        ops++;
                    }
                    return ops;
                }));
            }
            int ops = 0;
            for (Future<Integer> worker : workers) {
                ops += worker.get();
            }
            return ops / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
