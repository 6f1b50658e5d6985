package dev.sandboxer.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.store.JdbcStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final byte[] SECRET = "a-signing-secret-of-some-length".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final Clock0 clock = new Clock0(Instant.parse("2026-12-04T10:00:00Z"));
    private JdbcStore store;
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** A clock the test moves. */
    static final class Clock0 extends Clock {
        private volatile Instant now;

        Clock0(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws IOException {
        store = JdbcStore.sqlite(dir.resolve("s.db"), clock);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            if (status == 204) {
                received.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst(Signature.HEADER));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        store.close();
    }

    private Sink sink(String name) {
        return new Sink(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), SECRET);
    }

    private Outbox outbox(Sink... sinks) {
        return new Outbox(store, List.of(sinks), clock, new Outbox.Settings(100, Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(8)));
    }

    private void append(String subject, int n) {
        store.write(s -> s.appendEvent(new SandboxEvent(0, "ev-" + subject + "-" + n,
                SandboxEvent.TYPE_PREFIX + "t" + n, subject, clock.instant(), "p1", Map.of("n", n))));
    }

    private List<String> receivedIds() {
        return received.stream().map(b -> b.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
    }

    @Test
    void everyEventIsDeliveredOnceInOrderAsASignedCloudEvent() {
        Outbox outbox = outbox(sink("audit"));
        append("old", 0);
        outbox.deliver();   // a new sink starts from now on: history is not replayed
        append("sb-1", 1);
        append("sb-2", 2);
        append("sb-1", 3);
        assertThat(outbox.deliver()).singleElement().satisfies(r -> assertThat(r.delivered()).isEqualTo(3));
        assertThat(outbox.deliver()).singleElement().satisfies(r -> assertThat(r.delivered()).isZero());
        assertThat(receivedIds()).containsExactly("ev-sb-1-1", "ev-sb-2-2", "ev-sb-1-3");
        assertThat(received.getFirst()).contains("\"specversion\":\"1.0\"", "\"subject\":\"sb-1\"",
                "\"type\":\"dev.sandboxer.sandbox.t1\"");
        for (int i = 0; i < received.size(); i++) {
            assertThat(Signature.verify(SECRET, signatures.get(i), received.get(i))).isTrue();
            assertThat(Signature.verify("another-secret-entirely!".getBytes(StandardCharsets.UTF_8),
                    signatures.get(i), received.get(i))).isFalse();
            assertThat(Signature.verify(SECRET, signatures.get(i), received.get(i) + " ")).isFalse();
        }
    }

    @Test
    void aFailingSinkIsRetriedWithGrowingBackoffAndLosesNothing() {
        Outbox outbox = outbox(sink("audit"));
        outbox.deliver();
        append("sb-1", 1);
        append("sb-1", 2);
        failuresLeft.set(3);
        assertThat(outbox.deliver().getFirst().failure()).hasValueSatisfying(f -> assertThat(f).contains("503"));
        assertThat(outbox.deliver().getFirst().delivered()).as("waits 1s before retrying").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.deliver().getFirst().failure()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.deliver().getFirst().failure()).as("now waits 2s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.deliver().getFirst().failure()).isPresent();
        assertThat(store.read(s -> s.outboxCursor("audit")).orElseThrow().attempts()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(4));
        assertThat(outbox.deliver().getFirst().delivered()).isEqualTo(2);
        assertThat(receivedIds()).containsExactly("ev-sb-1-1", "ev-sb-1-2");
        assertThat(store.read(s -> s.outboxCursor("audit")).orElseThrow().attempts()).isZero();
        assertThat(outbox.backoff(30)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aDeadSinkDelaysOnlyItself() {
        Sink dead = new Sink("dead", URI.create("http://127.0.0.1:9/hook"), SECRET);
        Outbox outbox = outbox(dead, sink("alive"));
        outbox.deliver();
        append("sb-1", 1);
        List<Outbox.Round> rounds = outbox.deliver();
        assertThat(rounds.get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot reach"));
        assertThat(rounds.get(1).delivered()).isEqualTo(1);
        assertThat(receivedIds()).containsExactly("ev-sb-1-1");
    }

    @Test
    void twoReplicasNeverDeliverOneSinkAtOnceAndTheOtherTakesOverWhenTheHoldLapses() {
        Outbox first = outbox(sink("audit"));
        Outbox second = outbox(sink("audit"));
        first.deliver();
        append("sb-1", 1);
        assertThat(second.deliver().getFirst().delivered()).as("held by the first").isZero();
        assertThat(first.deliver().getFirst().delivered()).isEqualTo(1);
        append("sb-1", 2);
        clock.advance(Duration.ofSeconds(31));   // the first replica went quiet: its hold lapsed
        assertThat(second.deliver().getFirst().delivered()).isEqualTo(1);
        assertThat(first.deliver().getFirst().delivered()).as("now held by the second").isZero();
        assertThat(receivedIds()).containsExactly("ev-sb-1-1", "ev-sb-1-2");
        Optional<String> lastError = store.read(s -> s.outboxCursor("audit")).orElseThrow().lastError();
        assertThat(lastError).isEmpty();
    }
}
