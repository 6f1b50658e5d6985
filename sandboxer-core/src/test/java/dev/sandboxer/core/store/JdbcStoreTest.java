package dev.sandboxer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever database it is on: {@link SqliteStoreTest} and {@link PostgresStoreTest}
 * run these same tests, each on a fresh database.
 */
abstract class JdbcStoreTest {

    /** Opens a store on this test's database; each call opens another store (a process) on the same one. */
    abstract JdbcStore open();

    static Sandbox sandbox(String id) {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        return new Sandbox(id, "p1", Consumer.parse("agt:a"),
                new Sandbox.ProfileUse("basic", 1, "d", Map.of("k", "v")),
                new Sandbox.Routing("reference", "1", "test"), Optional.empty(), SandboxState.REQUESTED,
                Map.of("team", "qa"), now, now, now.plusSeconds(60), now.plusSeconds(600), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), new Sandbox.ResourceUse(100, 1024, "deny", List.of()),
                Optional.empty(), Optional.empty(), Optional.empty(), "hash", 1);
    }

    @Test
    void installationIdIsMadeOnceAndKept() {
        String first;
        try (JdbcStore store = open()) {
            first = store.installationId();
        }
        try (JdbcStore again = open()) {
            assertThat(again.installationId()).isEqualTo(first).startsWith("sbx-");
        }
    }

    @Test
    void aSandboxRoundTripsWithItsLabels() {
        try (JdbcStore store = open()) {
            store.write(s -> {
                s.insertSandbox(sandbox("sb-1"));
                return null;
            });
            Sandbox read = store.read(s -> s.findSandbox("sb-1")).orElseThrow();
            assertThat(read).usingRecursiveComparison().ignoringFields("version").isEqualTo(sandbox("sb-1"));
        }
    }

    @Test
    void aStaleWriteIsRefusedNotLost() {
        try (JdbcStore store = open()) {
            store.write(s -> {
                s.insertSandbox(sandbox("sb-1"));
                return null;
            });
            Sandbox read = store.read(s -> s.findSandbox("sb-1")).orElseThrow();
            store.write(s -> s.updateSandbox(read.withState(SandboxState.PROVISIONING, Instant.now())));
            assertThatThrownBy(() -> store.write(s -> s.updateSandbox(read.withState(SandboxState.FAILED,
                    Instant.now())))).isInstanceOf(ConcurrentChangeException.class);
            assertThat(store.read(s -> s.findSandbox("sb-1")).orElseThrow().state())
                    .isEqualTo(SandboxState.PROVISIONING);
        }
    }

    @Test
    void twoStoresOnOneDatabaseNeverHandOutTheSamePort() throws Exception {
        try (JdbcStore a = open();
             JdbcStore b = open()) {
            List<Future<Boolean>> claims = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 40; i++) {
                    JdbcStore store = i % 2 == 0 ? a : b;
                    String owner = "sb-" + i;
                    claims.add(pool.submit((Callable<Boolean>) () -> store.write(s -> s.claimPort("local", 20000
                            + (Integer.parseInt(owner.substring(3)) % 10), owner))));
                }
            }
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(10);
            java.util.Set<Integer> claimed = a.read(s -> s.claimedPorts("local"));
            assertThat(claimed).hasSize(10);
        }
    }

    @Test
    void eventsKeepTheirOrderPerSandboxAndOverall() {
        try (JdbcStore store = open()) {
            store.write(s -> {
                s.insertSandbox(sandbox("sb-1"));
                s.insertSandbox(sandbox("sb-2"));
                return null;
            });
            for (int i = 0; i < 6; i++) {
                String subject = i % 2 == 0 ? "sb-1" : "sb-2";
                int n = i;
                store.write(s -> s.appendEvent(new dev.sandboxer.core.model.SandboxEvent(0, "ev-" + n,
                        "dev.sandboxer.sandbox.t" + n, subject, Instant.parse("2026-12-03T10:00:00Z"), "p1",
                        Map.of("n", n))));
            }
            var all = store.read(s -> s.events(Optional.empty(), 0, 100));
            assertThat(all).extracting(e -> e.id()).containsExactly("ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-5");
            assertThat(all).extracting(e -> e.seq()).isSorted().doesNotHaveDuplicates();
            var one = store.read(s -> s.events(Optional.of("sb-2"), all.get(1).seq(), 100));
            assertThat(one).extracting(e -> e.id()).containsExactly("ev-3", "ev-5");
            assertThat(one.getFirst().data()).containsEntry("n", 3);
        }
    }

    /** The engine reads, checks and writes in one transaction; two processes must never interleave there. */
    @Test
    void writeTransactionsOfTwoStoresNeverInterleave() throws Exception {
        try (JdbcStore a = open();
             JdbcStore b = open()) {
            a.write(s -> {
                s.insertSandbox(sandbox("sb-1"));
                return null;
            });
            Instant start = a.read(s -> s.findSandbox("sb-1")).orElseThrow().expiresAt();
            List<Future<Sandbox>> moves = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 40; i++) {
                    JdbcStore store = i % 2 == 0 ? a : b;
                    moves.add(pool.submit(() -> store.write(s -> {
                        Sandbox current = s.findSandbox("sb-1").orElseThrow();
                        return s.updateSandbox(current.withExpiry(current.expiresAt().plusSeconds(1),
                                current.backendDeadline(), Instant.now()));
                    })));
                }
            }
            for (Future<Sandbox> move : moves) {
                move.get();
            }
            assertThat(a.read(s -> s.findSandbox("sb-1")).orElseThrow().expiresAt())
                    .isEqualTo(start.plusSeconds(40));
        }
    }
}
