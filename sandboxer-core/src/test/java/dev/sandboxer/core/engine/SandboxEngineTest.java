package dev.sandboxer.core.engine;

import static dev.sandboxer.core.engine.EngineFixture.ALICE;
import static dev.sandboxer.core.engine.EngineFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxEngineTest {
    @TempDir
    Path dir;
    EngineFixture f;
    SandboxEngine engine;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(dir);
        engine = f.engine;
    }

    private Sandbox create(String profile) {
        return engine.create(f.request(profile), Progress.NONE);
    }

    private List<String> eventTypes(String id) {
        return engine.events(Optional.of(id), Scope.ALL, 0, 100).stream().map(SandboxEvent::type)
                .map(t -> t.substring(SandboxEvent.TYPE_PREFIX.length())).toList();
    }

    @Test
    void createRecordsIntentThenProvisionsToReady() {
        Sandbox sandbox = create("basic");
        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
        assertThat(sandbox.consumer()).isEqualTo(ALICE);
        assertThat(sandbox.project()).isEqualTo("p1");
        assertThat(sandbox.routing().extensionId()).isEqualTo("reference");
        assertThat(sandbox.routing().reason()).contains("pinned");
        assertThat(sandbox.labels()).containsEntry("team", "qa");
        assertThat(eventTypes(sandbox.id())).containsExactly("requested", "provisioning", "ready");
        List<Operation> ops = engine.operations(sandbox.id(), Scope.ALL);
        assertThat(ops).singleElement().satisfies(op -> {
            assertThat(op.verb()).isEqualTo(Verb.CREATE);
            assertThat(op.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(op.initiator()).isEqualTo(ALICE);
            assertThat(op.reason()).isEqualTo("user");
            assertThat(op.toState()).contains(SandboxState.READY);
        });
        assertThat(f.reference.listOwned(new dev.sandboxer.spi.Owner(engine.installationId())))
                .extracting(r -> r.sandboxId()).containsExactly(sandbox.id());
    }

    @Test
    void sameIdempotencyKeyAndRequestReturnsTheSameSandbox() {
        CreateRequest request = new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("key-1"));
        Sandbox first = engine.create(request, Progress.NONE);
        Sandbox again = engine.create(request, Progress.NONE);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithADifferentRequestIsRefused() {
        engine.create(new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("key-1")), Progress.NONE);
        CreateRequest different = new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.of(Duration.ofMinutes(5)),
                Map.of(), Optional.of("key-1"));
        assertThatThrownBy(() -> engine.create(different, Progress.NONE))
                .isInstanceOf(SandboxerException.Conflict.class)
                .hasMessageContaining("key-1").hasMessageContaining("different request");
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).hasSize(1);
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneSandbox() throws Exception {
        CreateRequest request = new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("race"));
        List<Future<Sandbox>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit((Callable<Sandbox>) () -> engine.create(request, Progress.NONE)));
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Future<Sandbox> result : results) {
            try {
                ids.add(result.get().id());
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(SandboxerException.Conflict.class)
                        .hasMessageContaining("still being created");
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).hasSize(1);
        assertThat(engine.create(request, Progress.NONE).id()).as("replay once ready").isEqualTo(ids.iterator().next());
    }

    @Test
    void aReplayIsTheSameRequestWhetherOrNotDefaultsWereSpelledOut() {
        Sandbox first = engine.create(new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("k")), Progress.NONE);
        Sandbox again = engine.create(new CreateRequest("basic@1", Map.of(), "p1", ALICE,
                Optional.of(Duration.ofMinutes(30)), Map.of(), Optional.of("k")), Progress.NONE);
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void anotherConsumerCannotReplayYourKey() {
        engine.create(new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("k")), Progress.NONE);
        assertThatThrownBy(() -> engine.create(new CreateRequest("basic", Map.of(), "p1", OPS, Optional.empty(),
                Map.of(), Optional.of("k")), Progress.NONE)).isInstanceOf(SandboxerException.Conflict.class);
    }

    @Test
    void replayingTheKeyOfAFailedCreateReportsTheFailure() {
        f.plans.put("broken", EngineFixture.plan("broken", Map.of("fail", "disk on fire"), List.of(),
                Optional.empty()));
        CreateRequest request = new CreateRequest("broken", Map.of(), "p1", ALICE, Optional.empty(), Map.of(),
                Optional.of("k"));
        assertThatThrownBy(() -> engine.create(request, Progress.NONE))
                .isInstanceOf(SandboxerException.ProvisionFailed.class);
        assertThatThrownBy(() -> engine.create(request, Progress.NONE))
                .isInstanceOf(SandboxerException.ProvisionFailed.class).hasMessageContaining("disk on fire");
    }

    @Test
    void reservedOrMalformedLabelsAreRefusedAndChangeNothing() {
        for (Map<String, String> labels : List.of(Map.of("dev.sandboxer.sandbox", "x"), Map.of("", "x"),
                Map.of("ok", "v".repeat(256)))) {
            assertThatThrownBy(() -> engine.create(new CreateRequest("basic", Map.of(), "p1", ALICE,
                    Optional.empty(), labels, Optional.empty()), Progress.NONE))
                    .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("label");
        }
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).isEmpty();
    }

    @Test
    void ttlAboveTheProfileMaximumIsRefusedAndChangesNothing() {
        CreateRequest tooLong = new CreateRequest("basic", Map.of(), "p1", ALICE, Optional.of(Duration.ofHours(3)),
                Map.of(), Optional.empty());
        assertThatThrownBy(() -> engine.create(tooLong, Progress.NONE))
                .isInstanceOf(SandboxerException.Invalid.class)
                .hasMessage("TTL 3h is above profile basic's maximum of 2h")
                .satisfies(e -> assertThat(((SandboxerException) e).hint()).isEqualTo("ask for --ttl 2h or less"));
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).isEmpty();
    }

    @Test
    void unknownProfileIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> create("nope")).isInstanceOf(SandboxerException.Invalid.class);
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).isEmpty();
    }

    @Test
    void missingSecretIsRefusedBeforeAnythingIsMade() {
        Plan base = EngineFixture.plan("secretive", Map.of(), List.of(), Optional.empty());
        f.plans.put("secretive", withSecrets(base, Map.of("TOKEN", "env:NOT_SET")));
        assertThatThrownBy(() -> create("secretive")).isInstanceOf(SandboxerException.Invalid.class)
                .hasMessageContaining("env:NOT_SET");
        assertThat(engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items()).isEmpty();
    }

    @Test
    void secretValuesNeverReachTheStoreOrEvents() throws Exception {
        Plan base = EngineFixture.plan("secretive", Map.of(), List.of(), Optional.empty());
        f.plans.put("secretive", withSecrets(base, Map.of("TOKEN", "env:TOKEN")));
        f.secretValues.put("env:TOKEN", "s3cr3t-value-xyz");
        Sandbox sandbox = create("secretive");
        engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
        byte[] db = java.nio.file.Files.readAllBytes(dir.resolve("test.db"));
        String all = new String(db, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (Path wal : List.of(dir.resolve("test.db-wal"))) {
            if (java.nio.file.Files.exists(wal)) {
                all += new String(java.nio.file.Files.readAllBytes(wal), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        assertThat(all).doesNotContain("s3cr3t-value-xyz").contains("secretive");
    }

    private static Plan withSecrets(Plan p, Map<String, String> secrets) {
        return new Plan(p.profileId(), p.profileVersion(), p.profileDigest(), p.inputs(), p.pinnedExtension(),
                p.requires(), p.ttlDefault(), p.ttlMax(), p.resources(), p.network(), p.ports(), p.exec(),
                p.readiness(), p.env(), p.files(), secrets, p.backend(), p.labels());
    }

    @Test
    void failedCreateIsRecordedAsFailedAndLeavesNothingBehind() {
        f.plans.put("broken", EngineFixture.plan("broken", Map.of("fail", "disk on fire"),
                List.of(new Plan.Port("web", Optional.empty(), 80, "http")), Optional.empty()));
        assertThatThrownBy(() -> create("broken"))
                .isInstanceOf(SandboxerException.ProvisionFailed.class)
                .hasMessageContaining("disk on fire");
        Sandbox failed = engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 50).items().getFirst();
        assertThat(failed.state()).isEqualTo(SandboxState.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(why -> assertThat(why).contains("disk on fire"));
        assertThat(eventTypes(failed.id())).containsExactly("requested", "provisioning", "failed");
        assertThat(engine.operations(failed.id(), Scope.ALL).getFirst().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(f.reference.listOwned(new dev.sandboxer.spi.Owner(engine.installationId()))).isEmpty();
        assertThat(claimedPorts()).isEmpty();
    }

    @Test
    void sandboxThatNeverGetsReadyFailsWithTheProbesLastWordAndIsRemoved() {
        f.plans.put("unready", EngineFixture.plan("unready", Map.of(), List.of(), Optional.of(
                new Plan.CommandProbe(List.of("false"), Duration.ofMillis(300), Duration.ofMillis(50)))));
        assertThatThrownBy(() -> create("unready"))
                .isInstanceOf(SandboxerException.ProvisionFailed.class)
                .hasMessageContaining("not ready after 300ms").hasMessageContaining("false exited 1");
        assertThat(f.reference.listOwned(new dev.sandboxer.spi.Owner(engine.installationId()))).isEmpty();
    }

    @Test
    void commandReadinessThatPassesMakesItReady() {
        f.plans.put("probed", EngineFixture.plan("probed", Map.of(), List.of(), Optional.of(
                new Plan.CommandProbe(List.of("true"), Duration.ofSeconds(1), Duration.ofMillis(50)))));
        assertThat(create("probed").state()).isEqualTo(SandboxState.READY);
    }

    @Test
    void destroyIsIdempotentAndRecordsOneOperation() {
        Sandbox sandbox = create("basic");
        Sandbox destroyed = engine.destroy(sandbox.id(), OPS, "user", Scope.ALL);
        Sandbox again = engine.destroy(sandbox.id(), OPS, "user", Scope.ALL);
        assertThat(destroyed.state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(again.state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(engine.operations(sandbox.id(), Scope.ALL)).extracting(Operation::verb)
                .containsExactly(Verb.CREATE, Verb.DESTROY);
        assertThat(eventTypes(sandbox.id())).endsWith("destroying", "destroyed");
        assertThat(f.reference.listOwned(new dev.sandboxer.spi.Owner(engine.installationId()))).isEmpty();
    }

    @Test
    void destroyOfAnUnknownIdIsNotFound() {
        assertThatThrownBy(() -> engine.destroy("sb-nothere", OPS, "user", Scope.ALL))
                .isInstanceOf(SandboxerException.NotFound.class).hasMessage("sandbox sb-nothere not found");
    }

    @Test
    void anotherProjectsSandboxIsNotFound() {
        Sandbox sandbox = create("basic");
        Scope other = new Scope(Set.of("p2"));
        assertThatThrownBy(() -> engine.get(sandbox.id(), other)).isInstanceOf(SandboxerException.NotFound.class);
        assertThatThrownBy(() -> engine.destroy(sandbox.id(), ALICE, "user", other))
                .isInstanceOf(SandboxerException.NotFound.class);
        assertThat(engine.list(SandboxFilter.ALL, other, Optional.empty(), 50).items()).isEmpty();
        assertThat(engine.get(sandbox.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
    }

    @Test
    void extendMovesTheExpiryAndTheBackendDeadline() {
        Sandbox sandbox = create("basic");
        Sandbox extended = engine.extend(sandbox.id(), Duration.ofMinutes(30), ALICE, Scope.ALL);
        assertThat(extended.expiresAt()).isEqualTo(sandbox.expiresAt().plus(Duration.ofMinutes(30)));
        assertThat(extended.backendDeadline()).contains(extended.expiresAt());
        assertThat(eventTypes(sandbox.id())).endsWith("extended");
        assertThat(engine.operations(sandbox.id(), Scope.ALL).getLast().verb()).isEqualTo(Verb.EXTEND);
    }

    @Test
    void extendBeyondTheHardMaximumIsRefusedWithTheRoomLeft() {
        Sandbox sandbox = create("basic");
        assertThatThrownBy(() -> engine.extend(sandbox.id(), Duration.ofHours(2), ALICE, Scope.ALL))
                .isInstanceOf(SandboxerException.Invalid.class)
                .hasMessageContaining("hard maximum")
                .satisfies(e -> assertThat(((SandboxerException) e).hint()).isEqualTo("extend by at most 1h30m"));
        assertThat(engine.get(sandbox.id(), Scope.ALL).expiresAt()).isEqualTo(sandbox.expiresAt());
    }

    @Test
    void execRunsInAReadySandboxAndIsRecorded() {
        Sandbox sandbox = create("basic");
        var result = engine.exec(sandbox.id(), ExecRequest.of("echo", "hi"), ALICE, Scope.ALL);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hi\n");
        assertThat(engine.operations(sandbox.id(), Scope.ALL).getLast().verb()).isEqualTo(Verb.EXEC);
    }

    @Test
    void execInADestroyedSandboxIsAConflict() {
        Sandbox sandbox = create("basic");
        engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
        assertThatThrownBy(() -> engine.exec(sandbox.id(), ExecRequest.of("true"), ALICE, Scope.ALL))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("destroyed");
    }

    @Test
    void recreateKeepsTheIdAndProvisionsAgain() {
        Sandbox sandbox = create("basic");
        Sandbox again = engine.recreate(sandbox.id(), ALICE, Scope.ALL, Progress.NONE);
        assertThat(again.id()).isEqualTo(sandbox.id());
        assertThat(again.state()).isEqualTo(SandboxState.READY);
        assertThat(engine.operations(sandbox.id(), Scope.ALL)).extracting(Operation::verb)
                .containsExactly(Verb.CREATE, Verb.RECREATE);
        assertThat(f.reference.observe(SandboxEngine.ref(again)).status())
                .isEqualTo(dev.sandboxer.spi.Observation.Status.RUNNING);
    }

    @Test
    void recreateRefusesAProfileEditedInPlaceAndLeavesTheSandboxAsItWas() {
        Sandbox sandbox = create("basic");
        Plan recorded = f.plans.get("basic");
        // The same id and version, other content: what an edit of the file without a new version gives.
        f.plans.put("basic", new Plan(recorded.profileId(), recorded.profileVersion(), "digest-edited",
                recorded.inputs(), recorded.pinnedExtension(), recorded.requires(), recorded.ttlDefault(),
                recorded.ttlMax(), recorded.resources(), recorded.network(), recorded.ports(), recorded.exec(),
                recorded.readiness(), Map.of("A", "2"), recorded.files(), recorded.secretRefs(), recorded.backend(),
                recorded.labels()));

        assertThatThrownBy(() -> engine.recreate(sandbox.id(), ALICE, Scope.ALL, Progress.NONE))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("has changed since")
                .hasMessageContaining("digest-edit");
        assertThat(engine.get(sandbox.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
        assertThat(engine.operations(sandbox.id(), Scope.ALL)).extracting(Operation::verb).containsExactly(Verb.CREATE);
        assertThat(f.reference.observe(SandboxEngine.ref(sandbox)).status())
                .isEqualTo(dev.sandboxer.spi.Observation.Status.RUNNING);
    }

    @Test
    void expiredSandboxesAreReapedWithReasonTtl() {
        Sandbox keep = create("basic");
        f.clock.advance(Duration.ofMinutes(20));
        Sandbox young = create("basic");
        f.clock.advance(Duration.ofMinutes(15));
        List<Sandbox> reaped = engine.reapExpired(Consumer.parse("adm:reaper"));
        assertThat(reaped).extracting(Sandbox::id).containsExactly(keep.id());
        assertThat(engine.get(keep.id(), Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(engine.operations(keep.id(), Scope.ALL).getLast().reason()).isEqualTo("ttl");
        assertThat(engine.get(young.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
        assertThat(engine.reapExpired(Consumer.parse("adm:reaper"))).isEmpty();
    }

    @Test
    void publishedPortsAreNeverSharedBetweenLiveSandboxes() {
        f.plans.put("web", EngineFixture.plan("web", Map.of(),
                List.of(new Plan.Port("web", Optional.empty(), 80, "http"),
                        new Plan.Port("api", Optional.empty(), 81, "tcp")), Optional.empty()));
        Set<String> addresses = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            create("web").endpoints().stream().filter(e -> !e.kind().equals("exec"))
                    .forEach(e -> assertThat(addresses.add(e.address())).as(e.address()).isTrue());
        }
        assertThat(addresses).hasSize(20);
        assertThat(claimedPorts()).hasSize(20);
    }

    @Test
    void listFiltersByProjectConsumerStateProfileAndLabelAndPages() {
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            create("basic");
        }
        f.clock.advance(Duration.ofSeconds(1));
        Sandbox other = engine.create(new CreateRequest("basic", Map.of(), "p2", OPS, Optional.empty(),
                Map.of("run", "42"), Optional.empty()), Progress.NONE);
        engine.destroy(other.id(), OPS, "user", Scope.ALL);

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Sandbox> page = engine.list(SandboxFilter.ALL, Scope.ALL, cursor, 2);
            page.items().forEach(s -> seen.add(s.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(seen.getFirst()).as("newest first").isEqualTo(other.id());
        assertThat(pages).isEqualTo(3);

        assertThat(list(new SandboxFilter(Set.of("p2"), Optional.empty(), Set.of(), Optional.empty(), Map.of())))
                .containsExactly(other.id());
        assertThat(list(new SandboxFilter(Set.of(), Optional.of(ALICE), Set.of(), Optional.empty(), Map.of())))
                .hasSize(5);
        assertThat(list(new SandboxFilter(Set.of(), Optional.empty(), Set.of(SandboxState.DESTROYED),
                Optional.empty(), Map.of()))).containsExactly(other.id());
        assertThat(list(new SandboxFilter(Set.of(), Optional.empty(), Set.of(), Optional.of("basic"),
                Map.of("run", "42")))).containsExactly(other.id());
        assertThat(list(new SandboxFilter(Set.of(), Optional.empty(), Set.of(), Optional.of("nope"), Map.of())))
                .isEmpty();
    }

    private Set<Integer> claimedPorts() {
        return f.store.read(s -> s.claimedPorts("local"));
    }

    private List<String> list(SandboxFilter filter) {
        return engine.list(filter, Scope.ALL, Optional.empty(), 100).items().stream().map(Sandbox::id).toList();
    }

    @Test
    void aCursorNotHandedOutIsRefusedClearly() {
        assertThatThrownBy(() -> engine.list(SandboxFilter.ALL, Scope.ALL, Optional.of("garbage!"), 10))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("cursor");
    }

    @Test
    void describeAnswersTheSevenQuestions() {
        Sandbox sandbox = create("basic");
        f.clock.advance(Duration.ofMinutes(10));
        SandboxDescription d = engine.describe(sandbox.id(), Scope.ALL);
        assertThat(d.recipe().profile()).isEqualTo("basic");
        assertThat(d.recipe().version()).isEqualTo(1);
        assertThat(d.backend().extension()).isEqualTo("reference");
        assertThat(d.backend().reason()).isNotBlank();
        assertThat(d.placement().location()).isEqualTo("memory");
        assertThat(d.isolation().egress()).isEqualTo("deny");
        assertThat(d.isolation().cpuMillis()).isEqualTo(500);
        assertThat(d.reach()).extracting(e -> e.kind()).contains("exec");
        assertThat(d.history().operations()).hasSize(1);
        assertThat(d.history().events()).hasSize(3);
        assertThat(d.cost().liveSeconds()).isEqualTo(600);
        assertThat(d.cost().vcpuSeconds()).isEqualTo(300.0);
    }
}
