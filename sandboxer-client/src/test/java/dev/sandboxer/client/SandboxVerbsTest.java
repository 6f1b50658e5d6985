package dev.sandboxer.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Each verb of the client against a real server, answering with the engine's own records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxVerbsTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    RunningServer server;
    SandboxerClient operator;

    @BeforeAll
    void start(@TempDir Path home) {
        server = RunningServer.start(home);
        operator = server.operator();
    }

    @AfterAll
    void stop() {
        operator.close();
        server.close();
    }

    private Sandbox ready(SandboxRequest request) {
        return operator.createReady(request, SOON);
    }

    @Test
    void createThatWaitsAnswersTheReadySandboxWithoutAnOperation() {
        Accepted done = operator.create(SandboxRequest.of("web-ref").label("k", "v"), SOON);
        assertThat(done.settled()).isTrue();
        assertThat(done.operation()).isEmpty();
        assertThat(done.sandbox().state()).isEqualTo(SandboxState.READY);
        assertThat(done.sandbox().labels()).containsEntry("k", "v");
    }

    @Test
    void aRepeatedIdempotencyKeyGivesTheSameSandbox() {
        SandboxRequest request = SandboxRequest.of("web-ref").idempotencyKey("verbs-1");
        assertThat(ready(request).id()).isEqualTo(ready(request).id());
    }

    @Test
    void theOperationOfACreateCanBePolledUntilItSucceeds() {
        Accepted accepted = operator.create(SandboxRequest.of("web-ref"));
        String operationId = accepted.operation().orElseThrow().id();
        Sandbox settled = operator.awaitSettled(accepted.sandbox().id(), SOON);
        assertThat(settled.state()).isEqualTo(SandboxState.READY);
        var operation = operator.operation(operationId);
        assertThat(operation.verb()).isEqualTo(Verb.CREATE);
        assertThat(operation.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(operation.sandboxId()).isEqualTo(settled.id());
    }

    @Test
    void listFiltersAndPagesWithACursor() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            made.add(ready(SandboxRequest.of("web-ref").project("paging").label("batch", "b1")).id());
        }
        SandboxFilter batch = new SandboxFilter(Set.of("paging"), Optional.empty(), Set.of(SandboxState.READY),
                Optional.of("web-ref"), Map.of("batch", "b1"));
        Page<Sandbox> first = operator.list(batch, Optional.empty(), 2);
        assertThat(first.items()).hasSize(2);
        Page<Sandbox> second = operator.list(batch, first.nextCursor(), 2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isEmpty();
        Set<String> seen = new HashSet<>();
        first.items().forEach(s -> seen.add(s.id()));
        second.items().forEach(s -> seen.add(s.id()));
        assertThat(seen).isEqualTo(made);
    }

    @Test
    void aFilterWithoutStatesListsDestroyedSandboxesToo() {
        String gone = ready(SandboxRequest.of("web-ref").project("history")).id();
        operator.destroy(gone, "done");
        SandboxFilter history = new SandboxFilter(Set.of("history"), Optional.empty(), Set.of(), Optional.empty(),
                Map.of());
        assertThat(operator.list(history, Optional.empty(), 10).items()).extracting(Sandbox::id).contains(gone);
        assertThat(operator.list().items()).extracting(Sandbox::id).doesNotContain(gone);
    }

    @Test
    void describeAnswersTheSevenQuestions() {
        Sandbox sandbox = ready(SandboxRequest.of("web-ref").label("ticket", "T-7"));
        SandboxDescription description = operator.describe(sandbox.id());
        assertThat(description.recipe().profile()).isEqualTo("web-ref");
        assertThat(description.recipe().labels()).containsEntry("ticket", "T-7");
        assertThat(description.backend().extension()).isEqualTo("reference");
        assertThat(description.reach()).extracting(e -> e.name()).contains("web", "exec");
        assertThat(description.history().operations()).extracting(o -> o.verb()).containsExactly(Verb.CREATE);
        assertThat(description.consumer()).isEqualTo("adm:root");
    }

    @Test
    void execRunsArgvAndPassesTheExitCodeThrough() {
        String id = ready(SandboxRequest.of("web-ref")).id();
        assertThat(operator.exec(id, "echo", "hello", "world")).isEqualTo(new ExecResult(0, "hello world\n", ""));
        ExecResult failing = operator.exec(id, new ExecRequest(List.of("sh", "-c", "exit 7"), Map.of("A", "1"),
                Optional.empty(), Duration.ofSeconds(30)));
        assertThat(failing.exitCode()).isEqualTo(7);
    }

    @Test
    void recreateKeepsTheIdAndComesBackReady() {
        Sandbox first = ready(SandboxRequest.of("web-ref"));
        Sandbox again = operator.recreate(first.id());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.state()).isEqualTo(SandboxState.READY);
        assertThat(operator.operations(first.id())).extracting(o -> o.verb()).containsExactly(Verb.CREATE,
                Verb.RECREATE);
    }

    @Test
    void eventsPageAfterASequenceNumber() {
        String id = ready(SandboxRequest.of("web-ref")).id();
        List<CloudEvent> all = operator.events(Optional.of(id), 0, 100);
        assertThat(all).extracting(CloudEvent::shortType).startsWith("requested").endsWith("ready");
        assertThat(all).allSatisfy(e -> {
            assertThat(e.specversion()).isEqualTo("1.0");
            assertThat(e.source()).startsWith("/sandboxer/");
            assertThat(e.seq()).isPositive();
        });
        List<CloudEvent> rest = operator.events(Optional.of(id), all.getFirst().seq(), 100);
        assertThat(rest).hasSize(all.size() - 1);
        assertThat(operator.events(Optional.empty(), 0, 1)).hasSize(1);
    }

    @Test
    void reapDestroysNothingBeforeItsTime() {
        ready(SandboxRequest.of("web-ref"));
        assertThat(operator.reap()).isEmpty();
    }

    @Test
    void theServerSaysWhatItOffers() {
        ServerCatalog catalog = operator.server();
        assertThat(catalog.profiles()).extracting(ProfileSummary::id).contains("web-ref", "doomed", "health-probe");
        assertThat(catalog.profiles(true)).hasSizeGreaterThanOrEqualTo(catalog.profiles().size());
        assertThat(catalog.profile("web-ref").path("extension").asText()).isEqualTo("reference");
        assertThat(catalog.validateProfile(RunningServer.WEB.replace("id: web-ref", "id: web-two"))).isEmpty();
        assertThat(catalog.validateProfile("id: broken\nversion: 1\ncolour: blue\n"))
                .isNotEmpty().allMatch(p -> p.matches(".+:\\d+:\\d+: .+"));
        assertThat(catalog.extensions()).extracting(ExtensionInfo::id).contains("reference");
        assertThat(catalog.extensions().stream().filter(e -> e.id().equals("reference")).findFirst().orElseThrow()
                .health().available()).isTrue();
        assertThat(catalog.doctor()).extracting(HostCheck::name).contains("store");
        assertThat(catalog.version()).isNotBlank();
        assertThat(catalog.live()).isTrue();
        assertThat(catalog.ready()).isTrue();
    }

    @Test
    void tokensAreMadeListedAndRevoked() {
        IssuedToken issued = operator.tokens().create(Consumer.parse("agt:lister"), Set.of("p1", "p2"));
        assertThat(issued.secret()).startsWith("sbx_");
        assertThat(issued.token().projects()).containsExactlyInAnyOrder("p1", "p2");
        assertThat(operator.tokens().list()).extracting(t -> t.id()).contains(issued.token().id());
        try (SandboxerClient agent = server.client(issued.secret())) {
            assertThat(agent.list().items()).allMatch(s -> Set.of("p1", "p2").contains(s.project()));
        }
        assertThat(operator.tokens().revoke(issued.token().id()).revoked()).isTrue();
    }
}
