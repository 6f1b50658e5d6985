package dev.sandboxer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseKeeperTest {
    static final Consumer KEEPER = Consumer.parse("adm:lease-keeper");

    @TempDir
    Path dir;

    private static LeaseKeeper keeper(EngineFixture f, String runner, Duration warning) {
        return f.engine.leaseKeeper(new LeaseKeeper.Settings(runner, warning, Duration.ofSeconds(10)));
    }

    /** A one-minute sandbox: its expiry comes long before an operation would look stale (15 minutes). */
    private static CreateRequest shortLived(EngineFixture f) {
        return new CreateRequest("basic", java.util.Map.of(), "p1", EngineFixture.ALICE,
                Optional.of(Duration.ofMinutes(1)), java.util.Map.of(), Optional.empty());
    }

    private static List<String> types(EngineFixture f, String id) {
        return f.engine.events(Optional.of(id), Scope.ALL, 0, 1000).stream()
                .map(e -> e.type().substring(SandboxEvent.TYPE_PREFIX.length())).toList();
    }

    @Test
    void expiringIsAnnouncedOnceAheadOfEachExpiryThenTheSandboxIsReapedWithReasonTtl() {
        EngineFixture f = new EngineFixture(dir);
        LeaseKeeper keeper = keeper(f, "rn-a", Duration.ofMinutes(5));
        Sandbox sandbox = f.engine.create(f.request("basic"), Progress.NONE);   // expires in 30m
        f.clock.advance(Duration.ofMinutes(24));
        assertThat(keeper.tick(KEEPER).warned()).isEmpty();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(keeper.tick(KEEPER).warned()).containsExactly(sandbox.id());
        assertThat(keeper.tick(KEEPER).warned()).isEmpty();
        f.engine.extend(sandbox.id(), Duration.ofMinutes(10), EngineFixture.ALICE, Scope.ALL);  // now 40m
        assertThat(keeper.tick(KEEPER).warned()).isEmpty();
        f.clock.advance(Duration.ofMinutes(10));
        LeaseKeeper.Tick warnedAgain = keeper.tick(KEEPER);
        assertThat(warnedAgain.warned()).containsExactly(sandbox.id());
        assertThat(warnedAgain.reaped()).isEmpty();
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(keeper.tick(KEEPER).reaped()).containsExactly(sandbox.id());
        assertThat(f.engine.get(sandbox.id(), Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(types(f, sandbox.id())).filteredOn("expiring"::equals).hasSize(2);
        assertThat(f.engine.operations(sandbox.id(), Scope.ALL)).filteredOn(o -> o.verb() == Verb.DESTROY)
                .singleElement().satisfies(o -> assertThat(o.reason()).isEqualTo("ttl"));
    }

    @Test
    void twoReplicasOnOneStoreReapEverySandboxExactlyOnce() throws Exception {
        EngineFixture a = new EngineFixture(dir);
        EngineFixture b = new EngineFixture(dir);
        LeaseKeeper keeperA = keeper(a, "rn-a", Duration.ofMinutes(1));
        LeaseKeeper keeperB = keeper(b, "rn-b", Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add((i % 2 == 0 ? a : b).engine.create((i % 2 == 0 ? a : b).request("basic"), Progress.NONE).id());
        }
        a.clock.advance(Duration.ofMinutes(31));
        b.clock.advance(Duration.ofMinutes(31));
        List<Future<LeaseKeeper.Tick>> ticks = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                LeaseKeeper keeper = i % 2 == 0 ? keeperA : keeperB;
                ticks.add(pool.submit(() -> keeper.tick(KEEPER)));
            }
        }
        List<String> reaped = new ArrayList<>();
        for (Future<LeaseKeeper.Tick> tick : ticks) {
            reaped.addAll(tick.get().reaped());
        }
        assertThat(reaped).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(a.engine.get(id, Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
            assertThat(types(a, id)).containsOnlyOnce("destroying", "destroyed");
            assertThat(a.engine.operations(id, Scope.ALL)).filteredOn(o -> o.verb() == Verb.DESTROY).hasSize(1);
        }
    }

    @Test
    void anOperationOfAReplicaThatStoppedHeartbeatingIsTakenOverWithoutWaitingForItToGoStale() {
        EngineFixture a = new EngineFixture(dir);
        EngineFixture b = new EngineFixture(dir);
        keeper(a, "rn-a", Duration.ofMinutes(1));
        // Replica a records a create's intent and dies before provisioning it (SIGKILL).
        Creation orphaned = a.engine.begin(shortLived(a));
        LeaseKeeper keeperB = keeper(b, "rn-b", Duration.ofMinutes(1));
        b.clock.advance(Duration.ofMinutes(2));
        assertThat(keeperB.tick(KEEPER).reaped()).containsExactly(orphaned.sandbox().id());
        List<Operation> ops = b.engine.operations(orphaned.sandbox().id(), Scope.ALL);
        assertThat(ops.getFirst().status()).isEqualTo(OperationStatus.INTERRUPTED);
        assertThat(ops.getLast().verb()).isEqualTo(Verb.DESTROY);
        assertThat(b.engine.get(orphaned.sandbox().id(), Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
    }

    @Test
    void anOperationOfALiveReplicaIsLeftToIt() {
        EngineFixture a = new EngineFixture(dir);
        EngineFixture b = new EngineFixture(dir);
        LeaseKeeper keeperA = keeper(a, "rn-a", Duration.ofMinutes(1));
        Creation running = a.engine.begin(shortLived(a));
        LeaseKeeper keeperB = keeper(b, "rn-b", Duration.ofMinutes(1));
        a.clock.advance(Duration.ofMinutes(2));
        keeperA.heartbeat();
        b.clock.advance(Duration.ofMinutes(2));
        assertThat(keeperB.tick(KEEPER).reaped()).isEmpty();
        assertThat(b.engine.get(running.sandbox().id(), Scope.ALL).state()).isEqualTo(SandboxState.REQUESTED);
    }
}
