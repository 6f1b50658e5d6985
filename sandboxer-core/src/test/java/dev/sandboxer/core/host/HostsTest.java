package dev.sandboxer.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.core.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and placement on the real SQLite store. */
class HostsTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private Hosts hosts;

    @BeforeEach
    void open() {
        store = JdbcStore.sqlite(dir.resolve("sandboxer.db"), Clock.systemUTC());
        hosts = new Hosts(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void addListDrainRemove() {
        hosts.add(PlacementTest.host("h1", 4000, 8192, 4, Map.of("zone", "a")));
        assertThatThrownBy(() -> hosts.add(PlacementTest.host("h1", 1, 1, 1, Map.of())))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessage("host h1 is already registered");
        assertThat(hosts.list()).extracting(v -> v.host().name()).containsExactly("h1");
        assertThat(hosts.inspect("h1").host().labels()).containsEntry("zone", "a");

        hosts.drain("h1");
        assertThat(hosts.inspect("h1").host().state()).isEqualTo(Host.State.DRAINING);
        assertThatThrownBy(() -> hosts.place("sb-1", PlacementTest.ONE, Map.of(), Optional.empty(),
                Placement.Strategy.SPREAD)).isInstanceOf(SandboxerException.Unavailable.class)
                .hasMessageContaining("h1 (draining)");
        hosts.activate("h1");
        assertThat(hosts.place("sb-1", PlacementTest.ONE, Map.of(), Optional.empty(), Placement.Strategy.SPREAD)
                .host()).isEqualTo("h1");

        assertThatThrownBy(() -> hosts.remove("h1")).isInstanceOf(SandboxerException.Conflict.class)
                .hasMessage("host h1 still has 1 sandbox(es): sb-1");
        assertThat(hosts.release("sb-1")).isTrue();
        hosts.remove("h1");
        assertThat(hosts.list()).isEmpty();
        assertThatThrownBy(() -> hosts.inspect("h1")).isInstanceOf(SandboxerException.NotFound.class);
    }

    @Test
    void placementFollowsCapacityAndIsIdempotentPerSandbox() {
        hosts.add(PlacementTest.host("small", 1000, 1024, 2, Map.of()));
        hosts.add(PlacementTest.host("large", 4000, 4096, 8, Map.of()));
        Placement.Decision first = hosts.place("sb-1", PlacementTest.ONE, Map.of(), Optional.empty(),
                Placement.Strategy.SPREAD);
        assertThat(first.host()).isEqualTo("large");
        assertThat(hosts.place("sb-1", PlacementTest.ONE, Map.of(), Optional.empty(), Placement.Strategy.SPREAD)
                .host()).isEqualTo("large");
        assertThat(hosts.inspect("large").reserved()).isEqualTo(new Host.Capacity(500, 512, 1));
    }

    @Test
    void anUnreachableHostIsStaleAndGetsNoPlacementsUntilItAnswersAgain() {
        hosts.add(PlacementTest.host("h1", 4000, 4096, 8, Map.of()));
        hosts.add(PlacementTest.host("h2", 1000, 1024, 8, Map.of()));
        hosts.record(HostSample.unreachable("h1", Instant.now(), "cannot reach"));
        assertThat(hosts.inspect("h1").stale()).isTrue();
        assertThat(hosts.place("sb-1", PlacementTest.ONE, Map.of(), Optional.empty(), Placement.Strategy.SPREAD)
                .host()).isEqualTo("h2");
        hosts.record(Telemetry.parse("h1", Instant.now().plusSeconds(1), "0.5\n"));
        assertThat(hosts.inspect("h1").stale()).isFalse();
    }

    @Test
    void historyIsBounded() {
        hosts.add(PlacementTest.host("h1", 4000, 4096, 8, Map.of()));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < Hosts.HISTORY + 30; i++) {
            hosts.record(Telemetry.parse("h1", start.plusSeconds(i), i + ".0\n"));
        }
        List<HostSample> history = hosts.history("h1", 1000);
        assertThat(history).hasSize(Hosts.HISTORY);
        assertThat(history.getFirst().at()).isEqualTo(start.plusSeconds(Hosts.HISTORY + 29));
    }

    @Test
    void twentyConcurrentCreatesOverTwoHostsNeverOverCommit() throws Exception {
        hosts.add(PlacementTest.host("h1", 3000, 8192, 6, Map.of()));
        hosts.add(PlacementTest.host("h2", 2000, 8192, 8, Map.of()));
        // Room for 6 + 4 = 10 sandboxes of 500m: cpu binds on both hosts.
        int creates = 20;
        CountDownLatch go = new CountDownLatch(1);
        Map<String, AtomicInteger> placed = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            String id = "sb-" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    Placement.Decision d = hosts.place(id, PlacementTest.ONE, Map.of(), Optional.empty(),
                            Placement.Strategy.SPREAD);
                    placed.computeIfAbsent(d.host(), h -> new AtomicInteger()).incrementAndGet();
                } catch (SandboxerException.Unavailable full) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(placed.get("h1").get()).isEqualTo(6);
        assertThat(placed.get("h2").get()).isEqualTo(4);
        assertThat(refused.get()).isEqualTo(10);
        assertThat(hosts.inspect("h1").reserved().cpuMillis()).isEqualTo(3000);
        assertThat(hosts.inspect("h2").reserved().cpuMillis()).isEqualTo(2000);
    }
}
