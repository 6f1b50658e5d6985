package dev.sandboxer.core.engine;

import static dev.sandboxer.core.engine.EngineFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when verbs race or a process dies half-way: the record must stay true. */
class EngineRacesTest {
    @TempDir
    Path dir;
    EngineFixture f;
    SandboxEngine engine;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(dir);
        engine = f.engine;
    }

    private Sandbox create() {
        return engine.create(f.request("basic"), Progress.NONE);
    }

    private <T> List<Future<T>> together(int n, Callable<T> work) {
        List<Future<T>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(work));
            }
        }
        return results;
    }

    @Test
    void concurrentExtendsAddUp() throws Exception {
        Sandbox sandbox = create();
        for (Future<Sandbox> result : together(4, () -> engine.extend(sandbox.id(), Duration.ofMinutes(10), ALICE,
                Scope.ALL))) {
            result.get();
        }
        assertThat(engine.get(sandbox.id(), Scope.ALL).expiresAt())
                .isEqualTo(sandbox.expiresAt().plus(Duration.ofMinutes(40)));
    }

    @Test
    void concurrentDestroysDestroyOnce() throws Exception {
        Sandbox sandbox = create();
        for (Future<Sandbox> result : together(4, () -> {
            try {
                return engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
            } catch (SandboxerException.Conflict inProgress) {
                return null;
            }
        })) {
            result.get();
        }
        assertThat(engine.operations(sandbox.id(), Scope.ALL)).filteredOn(o -> o.verb() == Verb.DESTROY)
                .hasSize(1);
        assertThat(engine.events(Optional.of(sandbox.id()), Scope.ALL, 0, 100)).filteredOn(e -> e.type()
                .endsWith(".destroyed")).hasSize(1);
    }

    @Test
    void concurrentReapsReapEachSandboxOnce() throws Exception {
        List<Sandbox> sandboxes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sandboxes.add(create());
        }
        f.clock.advance(Duration.ofHours(1));
        int reaped = 0;
        for (Future<List<Sandbox>> result : together(3, () -> engine.reapExpired(Consumer.parse("adm:reaper")))) {
            reaped += result.get().size();
        }
        assertThat(reaped).isEqualTo(10);
        for (Sandbox s : sandboxes) {
            assertThat(engine.operations(s.id(), Scope.ALL)).filteredOn(o -> o.verb() == Verb.DESTROY).hasSize(1);
        }
    }

    @Test
    void destroyWhileAnotherProcessIsCreatingIsRefusedUntilThatCreateIsFoundDead() {
        Sandbox sandbox = create();
        Sandbox stuck = pretendACreateIsRunning(sandbox, Duration.ofMinutes(1));
        assertThatThrownBy(() -> engine.destroy(stuck.id(), ALICE, "user", Scope.ALL))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("being created");
        f.clock.advance(InFlight.STALE_AFTER);
        assertThat(engine.destroy(stuck.id(), ALICE, "user", Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(engine.operations(stuck.id(), Scope.ALL)).noneMatch(o -> o.status() == OperationStatus.RUNNING)
                .anyMatch(o -> o.status() == OperationStatus.INTERRUPTED && o.error().orElse("").contains("abandoned"));
    }

    @Test
    void aSandboxLeftProvisioningByAKilledProcessIsReapedOnceExpired() {
        Sandbox sandbox = create();
        pretendACreateIsRunning(sandbox, Duration.ZERO);
        f.clock.advance(Duration.ofHours(1));
        List<Sandbox> reaped = engine.reapExpired(Consumer.parse("adm:reaper"));
        assertThat(reaped).extracting(Sandbox::id).containsExactly(sandbox.id());
        assertThat(f.reference.listOwned(new dev.sandboxer.spi.Owner(engine.installationId()))).isEmpty();
        assertThat(engine.get(sandbox.id(), Scope.ALL).endpoints()).as("no stale endpoints").isEmpty();
    }

    /** Rewinds the record to "provisioning" with a create operation running since {@code ago}. */
    private Sandbox pretendACreateIsRunning(Sandbox sandbox, Duration ago) {
        return f.store.write(s -> {
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            Sandbox back = s.updateSandbox(current.withState(SandboxState.PROVISIONING, f.clock.instant()));
            s.insertOperation(new Operation("op-fake" + sandbox.id(), sandbox.id(), Verb.CREATE,
                    SandboxState.REQUESTED, Optional.empty(), "user", ALICE, OperationStatus.RUNNING,
                    f.clock.instant().minus(ago), Optional.empty(), Optional.empty()));
            return back;
        });
    }

    @Test
    void secretValuesPrintedByAFailingWorkloadAreRedactedEverywhere() throws Exception {
        Plan base = EngineFixture.plan("leaky", Map.of(), List.of(), Optional.of(new Plan.CommandProbe(
                List.of("false"), Duration.ofMillis(200), Duration.ofMillis(50))));
        f.plans.put("leaky", new Plan(base.profileId(), 1, "d", Map.of(), base.pinnedExtension(), base.requires(),
                base.ttlDefault(), base.ttlMax(), base.resources(), base.network(), base.ports(), true,
                base.readiness(), Map.of(), List.of(), Map.of("TOKEN", "env:TOKEN"), base.backend(), Map.of()));
        f.secretValues.put("env:TOKEN", "hunter2-secret");
        assertThatThrownBy(() -> engine.create(f.request("leaky"), Progress.NONE))
                .isInstanceOf(SandboxerException.ProvisionFailed.class)
                .satisfies(e -> assertThat(((SandboxerException.ProvisionFailed) e).diagnostics())
                        .contains("TOKEN=****").doesNotContain("hunter2-secret"))
                .hasMessageNotContaining("hunter2-secret");
        Sandbox failed = engine.list(dev.sandboxer.core.model.SandboxFilter.ALL, Scope.ALL, Optional.empty(), 5)
                .items().getFirst();
        assertThat(failed.failure().orElseThrow()).contains("TOKEN=****").doesNotContain("hunter2-secret");
        String db = new String(java.nio.file.Files.readAllBytes(dir.resolve("test.db")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Path wal = dir.resolve("test.db-wal");
        if (java.nio.file.Files.exists(wal)) {
            db += new String(java.nio.file.Files.readAllBytes(wal), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(db).doesNotContain("hunter2-secret");
    }
}
