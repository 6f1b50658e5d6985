package dev.sandboxer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreTest {
    @TempDir
    Path dir;

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
        try (JdbcStore store = JdbcStore.sqlite(dir.resolve("s.db"), Clock.systemUTC())) {
            first = store.installationId();
        }
        try (JdbcStore again = JdbcStore.sqlite(dir.resolve("s.db"), Clock.systemUTC())) {
            assertThat(again.installationId()).isEqualTo(first).startsWith("sbx-");
        }
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws Exception {
        Path migrations = Path.of(JdbcStore.class.getResource("/db/migration/sqlite").toURI());
        try (var files = java.nio.file.Files.list(migrations)) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertThat(JdbcStore.SCHEMA_VERSION).isEqualTo(newest);
        }
    }

    @Test
    void aSandboxRoundTripsWithItsLabels() {
        try (JdbcStore store = JdbcStore.sqlite(dir.resolve("s.db"), Clock.systemUTC())) {
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
        try (JdbcStore store = JdbcStore.sqlite(dir.resolve("s.db"), Clock.systemUTC())) {
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
    void twoStoresOnOneFileNeverHandOutTheSamePort() throws Exception {
        Path db = dir.resolve("shared.db");
        try (JdbcStore a = JdbcStore.sqlite(db, Clock.systemUTC());
             JdbcStore b = JdbcStore.sqlite(db, Clock.systemUTC())) {
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
}
