package dev.sandboxer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileTest {
    static final Consumer RECONCILER = Consumer.parse("adm:reconciler");

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

    /** Backend resources with our labels that no record knows, as a process killed mid-create may leave. */
    private void makeOrphan(String sandboxId) {
        Owner owner = new Owner(engine.installationId());
        f.reference.create(ProvisionRequest.minimal(sandboxId,
                OwnershipLabels.of(sandboxId, owner, f.clock.instant().plusSeconds(60)), Map.of()), Progress.NONE);
    }

    private boolean backendHas(String sandboxId) {
        return f.reference.listOwned(new Owner(engine.installationId())).stream()
                .anyMatch(r -> r.sandboxId().equals(sandboxId));
    }

    @Test
    void orphansAreRemovedAndLiveSandboxesKept() {
        Sandbox live = create();
        makeOrphan("sb-orphan");
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.orphans()).extracting(Reconciliation.Orphan::sandboxId).containsExactly("sb-orphan");
        assertThat(result.orphans().getFirst().record()).isEqualTo("none");
        assertThat(backendHas("sb-orphan")).isFalse();
        assertThat(backendHas(live.id())).isTrue();
        assertThat(engine.get(live.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
        assertThat(engine.reconcile(RECONCILER, false).orphans()).isEmpty();
    }

    @Test
    void resourcesOfADestroyedRecordAreOrphans() {
        Sandbox sandbox = create();
        engine.destroy(sandbox.id(), EngineFixture.ALICE, "user", Scope.ALL);
        makeOrphan(sandbox.id());
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.orphans()).singleElement().satisfies(o -> {
            assertThat(o.sandboxId()).isEqualTo(sandbox.id());
            assertThat(o.record()).isEqualTo("destroyed");
        });
        assertThat(backendHas(sandbox.id())).isFalse();
    }

    @Test
    void aSandboxWhoseBackendVanishedBecomesLostWithAnEvent() {
        Sandbox sandbox = create();
        f.reference.destroy(SandboxEngine.ref(sandbox));
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.lost()).extracting(Reconciliation.Lost::sandboxId).containsExactly(sandbox.id());
        Sandbox after = engine.get(sandbox.id(), Scope.ALL);
        assertThat(after.state()).isEqualTo(SandboxState.LOST);
        assertThat(after.observed()).map(Sandbox.Observed::status).contains("gone");
        Operation op = engine.operations(sandbox.id(), Scope.ALL).getLast();
        assertThat(op.reason()).isEqualTo("reconcile");
        assertThat(op.initiator()).isEqualTo(RECONCILER);
        assertThat(engine.events(Optional.of(sandbox.id()), Scope.ALL, 0, 100)).extracting(SandboxEvent::type)
                .containsOnlyOnce(SandboxEvent.TYPE_PREFIX + "lost");
        assertThat(engine.reconcile(RECONCILER, false).lost()).isEmpty();
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() {
        Sandbox vanished = create();
        f.reference.destroy(SandboxEngine.ref(vanished));
        makeOrphan("sb-orphan");
        long eventsBefore = engine.events(Optional.empty(), Scope.ALL, 0, 1000).size();
        Reconciliation plan = engine.reconcile(RECONCILER, true);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.orphans()).extracting(Reconciliation.Orphan::sandboxId).containsExactly("sb-orphan");
        assertThat(plan.lost()).extracting(Reconciliation.Lost::sandboxId).containsExactly(vanished.id());
        assertThat(backendHas("sb-orphan")).isTrue();
        assertThat(engine.get(vanished.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
        assertThat(engine.events(Optional.empty(), Scope.ALL, 0, 1000)).hasSize((int) eventsBefore);
    }

    @Test
    void aWorkloadStoppedByItsBackendDeadlineIsObservedStoppedThenReaped() {
        Sandbox sandbox = create();
        // The control plane was down: the backend's own deadline stopped the workload.
        f.clock.advance(Duration.ofHours(3));
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.observed()).singleElement().satisfies(o -> {
            assertThat(o.sandboxId()).isEqualTo(sandbox.id());
            assertThat(o.status()).isEqualTo("stopped");
        });
        assertThat(engine.get(sandbox.id(), Scope.ALL).observed()).map(Sandbox.Observed::status)
                .contains("stopped");
        assertThat(engine.reconcile(RECONCILER, false).observed()).as("unchanged observations are not rewritten")
                .isEmpty();
        assertThat(engine.reapExpired(RECONCILER)).extracting(Sandbox::id).containsExactly(sandbox.id());
        assertThat(backendHas(sandbox.id())).isFalse();
        assertThat(f.reference.observe(SandboxEngine.ref(sandbox)).status()).isEqualTo(Observation.Status.GONE);
    }

    @Test
    void aCreateInFlightIsNeitherAnOrphanNorLost() {
        Creation creation = engine.begin(f.request("basic"));
        makeOrphan(creation.sandbox().id());
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.orphans()).isEmpty();
        assertThat(result.lost()).isEmpty();
        assertThat(backendHas(creation.sandbox().id())).isTrue();
    }

    @Test
    void aCreateWhoseReplicaDiedIsFinishedAndItsResourcesRemoved() {
        EngineFixture other = new EngineFixture(dir);   // a second replica on the same store
        other.engine.leaseKeeper(new LeaseKeeper.Settings("rn-dead", Duration.ofMinutes(1), Duration.ofSeconds(10)));
        Creation half = other.engine.begin(other.request("basic"));
        // It made the backend resources, then died before recording them.
        makeOrphan(half.sandbox().id());
        engine.leaseKeeper(new LeaseKeeper.Settings("rn-alive", Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(engine.reconcile(RECONCILER, false).abandoned()).as("its replica may still be alive").isEmpty();
        f.clock.advance(Duration.ofSeconds(30));
        Reconciliation result = engine.reconcile(RECONCILER, false);
        assertThat(result.abandoned()).singleElement().satisfies(a -> {
            assertThat(a.sandboxId()).isEqualTo(half.sandbox().id());
            assertThat(a.state()).isEqualTo("requested");
            assertThat(a.verb()).isEqualTo("create");
        });
        assertThat(engine.get(half.sandbox().id(), Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(backendHas(half.sandbox().id())).isFalse();
        assertThat(engine.operations(half.sandbox().id(), Scope.ALL)).extracting(Operation::status)
                .containsExactly(dev.sandboxer.core.model.OperationStatus.INTERRUPTED,
                        dev.sandboxer.core.model.OperationStatus.SUCCEEDED);
    }
}
