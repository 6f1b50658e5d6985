package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sandboxer.client.SandboxRequest;
import dev.sandboxer.client.SandboxerClient;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code sandboxer serve} processes on one PostgreSQL, 200 sandboxes with short staggered TTLs created through
 * both, and one replica killed with SIGKILL mid-way (after 120 creates, while others are being reaped): every
 * sandbox is reaped exactly once, each transition has exactly one event, and the surviving replica finishes what
 * the dead one held. Both
 * replicas deliver events to one webhook: every event arrives at least once, signed, in order per sandbox.
 */
class SeveralReplicasTest {
    private static final int SANDBOXES = 200;
    private static final int KILL_AT = 120;
    private static final Pattern SERVING = Pattern.compile("sandboxer serving (http://\\S+?)/? ");

    @TempDir
    Path dir;

    private static final String SECRET = "a-webhook-secret-for-the-test";

    private final List<Process> replicas = new ArrayList<>();
    private final List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PostgresDatabase database;
    private com.sun.net.httpserver.HttpServer sink;

    /** The webhook: keeps every correctly signed body it receives, answers 401 to others. */
    private String startSink() throws IOException {
        sink = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst(dev.sandboxer.core.outbox.Signature.HEADER);
            boolean good = signature != null && dev.sandboxer.core.outbox.Signature.verify(
                    SECRET.getBytes(StandardCharsets.UTF_8), signature, body);
            if (good) {
                delivered.add(body);
            }
            exchange.sendResponseHeaders(good ? 204 : 401, -1);
            exchange.close();
        });
        sink.start();
        return "http://127.0.0.1:" + sink.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() throws Exception {
        for (Process replica : replicas) {
            replica.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (sink != null) {
            sink.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    private Process replica(String name, Map<String, String> env) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles/echo.yaml"), TestProfiles.ECHO);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.sandboxer.cli.Main", "--home", home.toString(), "serve", "--listen", "127.0.0.1:0",
                "--lease-tick", "300ms", "--replica-dead-after", "2s", "--expiring-warning", "2s",
                // The reference extension keeps its sandboxes in each process's memory, so one replica's
                // reconcile would call the other's sandboxes lost; reconcile has its own tests.
                "--reconcile-every", "0", "--webhook", "audit=" + env.get("HOOK"));
        builder.environment().putAll(env);
        // Kept in target/ for a failed run: the replica's stderr (one JSON line per request and per round).
        Path log = Path.of("target", "replica-" + name + ".log");
        builder.redirectError(log.toFile());
        Process process = builder.start();
        replicas.add(process);
        return process;
    }

    private static String url(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : SERVING.matcher(line + " ");
        if (m == null || !m.find()) {
            throw new IllegalStateException("replica did not start: " + line);
        }
        return m.group(1);
    }

    @Test
    void twoReplicasReapEverySandboxExactlyOnceAndSurviveTheDeathOfOne() throws Exception {
        database = PostgresDatabase.create();
        Map<String, String> env = new HashMap<>(Map.of(ControlPlane.DATABASE_URL, database.url,
                "PATH", System.getenv("PATH"), "SANDBOXER_WEBHOOK_SECRET_AUDIT", SECRET, "HOOK", startSink()));
        try (ControlPlane observer = ControlPlane.open(new SandboxerHome(dir.resolve("observer")), env,
                Clock.systemUTC())) {
            String token = observer.tokens().create(Consumer.parse("atm:load"), Set.of("default")).secret();
            Process a = replica("a", env);
            Process b = replica("b", env);
            // The sink's delivery starts from the events after it was first seen: wait for that.
            try (var store = dev.sandboxer.core.store.JdbcStore.open(database.url, Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> store.read(s -> s.outboxCursor("audit")).isPresent());
            }
            List<SandboxerClient> clients = List.of(
                    SandboxerClient.builder().baseUrl(url(a)).token(token).build(),
                    SandboxerClient.builder().baseUrl(url(b)).token(token).build());

            List<String> ids = new ArrayList<>();
            long atKill = -1;
            for (int i = 0; i < SANDBOXES; i++) {
                if (i == KILL_AT) {
                    // Kill replica a (SIGKILL: no shutdown hook, nothing cleaned up) mid-way: some of its creates
                    // may still be in flight, some of its sandboxes are being reaped, the rest are waiting.
                    a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    atKill = destroyed(observer);
                }
                // TTLs from 6 s to 15.5 s in half-second steps: expiries spread over the run.
                Duration ttl = Duration.ofMillis(6000 + (i % 20) * 500L);
                SandboxRequest request = new SandboxRequest("echo", Map.of("name", "load"), "default",
                        Optional.of(ttl), Map.of(), Optional.empty());
                SandboxerClient client = a.isAlive() ? clients.get(i % 2) : clients.get(1);
                ids.add(client.create(request).sandbox().id());
            }
            assertThat(atKill).as("killed half-way").isLessThan(SANDBOXES);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> destroyed(observer) == SANDBOXES);

            Map<String, Long> reapedBy = new HashMap<>();
            for (String id : ids) {
                assertThat(observer.engine().get(id, Scope.ALL).state()).as(id).isEqualTo(SandboxState.DESTROYED);
                List<Operation> ops = observer.engine().operations(id, Scope.ALL);
                List<Operation> destroys = ops.stream().filter(o -> o.verb() == Verb.DESTROY
                        && o.status() == OperationStatus.SUCCEEDED).toList();
                assertThat(destroys).as("reaped exactly once: " + id).singleElement()
                        .satisfies(o -> assertThat(o.reason()).isEqualTo("ttl"));
                reapedBy.merge(destroys.getFirst().initiator().toString(), 1L, Long::sum);
                assertThat(ops).as("no operation left running: " + id)
                        .noneMatch(o -> o.status() == OperationStatus.RUNNING);

                Map<String, Long> types = observer.engine().events(Optional.of(id), Scope.ALL, 0, 1000).stream()
                        .map(e -> e.type().substring(SandboxEvent.TYPE_PREFIX.length()))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                for (String transition : List.of("requested", "destroying", "destroyed")) {
                    assertThat(types.get(transition)).as(transition + " events of " + id).isEqualTo(1L);
                }
                assertThat(types.getOrDefault("provisioning", 0L)).as("provisioning events of " + id)
                        .isLessThanOrEqualTo(1L);
                assertThat(types.getOrDefault("ready", 0L)).as("ready events of " + id).isLessThanOrEqualTo(1L);
                assertThat(types.getOrDefault("expiring", 0L)).as("expiring events of " + id)
                        .isLessThanOrEqualTo(1L);
            }
            long warned = ids.stream().filter(id -> observer.engine().events(Optional.of(id), Scope.ALL, 0, 1000)
                    .stream().anyMatch(e -> e.type().endsWith(".expiring"))).count();
            assertThat(warned).as("sandboxes warned before expiry").isGreaterThan(SANDBOXES / 2);
            assertThat(b.isAlive()).isTrue();

            // At least once, in order per sandbox: every stored event reached the webhook, and each sandbox's
            // events arrived in the order they happened (a redelivery may repeat one, never reorder).
            List<SandboxEvent> all = observer.engine().events(Optional.empty(), Scope.ALL, 0, 100_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> received().keySet()
                    .containsAll(all.stream().map(SandboxEvent::id).toList()));
            Map<String, List<Long>> seqBySandbox = new HashMap<>();
            for (String body : delivered) {
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                seqBySandbox.computeIfAbsent(json.get("subject").asText(), k -> new ArrayList<>())
                        .add(Long.parseLong(json.get("sequence").asText()));
            }
            seqBySandbox.forEach((id, seqs) -> assertThat(seqs).as("delivery order of " + id).isSorted());
        }
    }

    /** Delivered events by id. */
    private Map<String, String> received() throws IOException {
        Map<String, String> byId = new HashMap<>();
        for (String body : delivered) {
            byId.put(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("id").asText(), body);
        }
        return byId;
    }

    private static long destroyed(ControlPlane observer) {
        return observer.engine().list(new SandboxFilter(Set.of(), Optional.empty(), Set.of(SandboxState.DESTROYED),
                Optional.empty(), Map.of()), Scope.ALL, Optional.empty(), 1000).items().size();
    }
}
