package dev.sandboxer.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit: what every extension must do, as tests. Subclass it, say how to build the extension
 * and what a working and a failing spec look like, and how to remove a sandbox behind the extension's back.
 *
 * <p>Each test class runs with its own random installation id, so concurrent suites and earlier runs never
 * interfere, and the class ends by proving that nothing it made is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExtensionConformanceTest {

    /** Verbs an extension may refuse; each must be refused with {@link ExtensionException.Unsupported}. */
    private static final List<Capability> OPTIONAL_VERBS =
            List.of(Capability.EXEC, Capability.EXTEND_DEADLINE, Capability.PAUSE, Capability.LOGS);

    private final List<String> made = new ArrayList<>();
    private Extension extension;
    private Owner owner;
    private Path workDir;

    /** Builds the extension under test. Called once per test class. */
    protected abstract Extension createExtension(ExtensionContext context);

    /** A spec whose workload keeps running until destroyed or until its deadline. */
    protected abstract Map<String, Object> workloadSpec();

    /** A spec whose create must fail in the backend (not in spec validation), e.g. an image that doesn't exist. */
    protected abstract Map<String, Object> failingSpec();

    /** Removes the sandbox's backend resources directly, without going through the extension. */
    protected abstract void removeBehindOurBack(String sandboxId) throws Exception;

    /** How long the backend may take to notice its own deadline. */
    protected Duration deadlineSlack() {
        return Duration.ofSeconds(30);
    }

    /** The request for a sandbox; override to add ports, resources or env the backend needs. */
    protected ProvisionRequest request(String sandboxId, Map<String, Object> spec, Instant expiresAt) {
        return ProvisionRequest.minimal(sandboxId, OwnershipLabels.of(sandboxId, owner, expiresAt), spec);
    }

    protected ExtensionContext context(Owner owner, Path workDir) {
        return new ExtensionContext(owner, new LocalTransport(), workDir, Map.of(), Clock.systemUTC());
    }

    protected final Extension extension() {
        return extension;
    }

    protected final Owner owner() {
        return owner;
    }

    @BeforeAll
    void startExtension() throws IOException {
        owner = new Owner("tck-" + UUID.randomUUID().toString().substring(0, 8));
        workDir = Files.createTempDirectory("sandboxer-tck");
        extension = createExtension(context(owner, workDir));
    }

    @AfterEach
    void destroyWhatTheTestMade() {
        List<String> ids = List.copyOf(made);
        made.clear();
        RuntimeException first = null;
        for (String id : ids) {
            try {
                extension.destroy(ref(id));
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @AfterAll
    void nothingIsLeftBehind() {
        try {
            assertThat(extension.listOwned(owner)).as("resources left behind by the TCK run").isEmpty();
        } finally {
            extension.close();
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing the kit for
        }
    }

    protected final String newSandboxId() {
        String id = "tck" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        made.add(id);
        return id;
    }

    protected final Provisioned create(String sandboxId) {
        return extension.create(request(sandboxId, workloadSpec(), Instant.now().plus(Duration.ofHours(1))),
                Progress.NONE);
    }

    private BackendRef ref(String sandboxId) {
        return new BackendRef(extension.descriptor().id(), sandboxId, "");
    }

    @Test
    void descriptorNamesItself() {
        assertThat(extension.descriptor().id()).matches("[a-z0-9][a-z0-9.-]*");
        assertThat(extension.descriptor().version()).isNotBlank();
    }

    @Test
    void createMakesARunningSandbox() {
        String id = newSandboxId();
        Provisioned made = create(id);
        assertThat(made.ref().sandboxId()).isEqualTo(id);
        assertThat(made.ref().extensionId()).isEqualTo(extension.descriptor().id());
        assertThat(made.location()).isNotBlank();
        assertThat(extension.observe(made.ref()).status()).isEqualTo(Observation.Status.RUNNING);
    }

    @Test
    void createIsIdempotentOnSandboxId() {
        String id = newSandboxId();
        Provisioned first = create(id);
        List<String> afterFirst = resourceIds(id);
        Provisioned second = create(id);
        assertThat(second.ref().sandboxId()).isEqualTo(first.ref().sandboxId());
        assertThat(second.endpoints()).isEqualTo(first.endpoints());
        assertThat(resourceIds(id)).as("a second create must not make a second set of resources")
                .containsExactlyElementsOf(afterFirst);
    }

    private List<String> resourceIds(String sandboxId) {
        return extension.listOwned(owner).stream().filter(r -> r.sandboxId().equals(sandboxId))
                .map(r -> r.kind() + ":" + r.id()).sorted().toList();
    }

    @Test
    void destroyIsIdempotent() {
        String id = newSandboxId();
        Provisioned made = create(id);
        extension.destroy(made.ref());
        extension.destroy(made.ref());
        assertThat(extension.observe(made.ref()).status()).isEqualTo(Observation.Status.GONE);
    }

    @Test
    void destroyOfSomethingNeverMadeSucceeds() {
        extension.destroy(ref("tcknevermade0"));
    }

    @Test
    void destroyRemovesEveryOwnedResource() {
        String id = newSandboxId();
        Provisioned made = create(id);
        extension.destroy(made.ref());
        assertThat(extension.listOwned(owner)).noneMatch(r -> r.sandboxId().equals(id));
    }

    @Test
    void listOwnedFindsExactlyWhatWasMade() {
        String a = newSandboxId();
        String b = newSandboxId();
        create(a);
        create(b);
        List<String> owned = extension.listOwned(owner).stream().map(OwnedResource::sandboxId).distinct().sorted()
                .toList();
        assertThat(owned).containsExactlyElementsOf(List.of(a, b).stream().sorted().toList());
        assertThat(extension.listOwned(new Owner("tck-someone-else-" + UUID.randomUUID())))
                .as("another installation's view").noneMatch(r -> r.sandboxId().equals(a) || r.sandboxId().equals(b));
    }

    @Test
    void everyOwnedResourceCarriesTheOwnershipLabels() {
        String id = newSandboxId();
        Instant expires = Instant.now().plus(Duration.ofHours(1));
        extension.create(request(id, workloadSpec(), expires), Progress.NONE);
        List<OwnedResource> resources = extension.listOwned(owner).stream().filter(r -> r.sandboxId().equals(id))
                .toList();
        assertThat(resources).isNotEmpty();
        for (OwnedResource resource : resources) {
            assertThat(resource.labels()).as(resource.kind() + " " + resource.id())
                    .containsEntry(OwnershipLabels.SANDBOX, id)
                    .containsEntry(OwnershipLabels.INSTALLATION, owner.installationId())
                    .containsKey(OwnershipLabels.EXPIRES_AT);
        }
    }

    @Test
    void observeReportsGoneAfterRemovalBehindOurBack() throws Exception {
        String id = newSandboxId();
        Provisioned made = create(id);
        removeBehindOurBack(id);
        assertThat(extension.observe(made.ref()).status()).isEqualTo(Observation.Status.GONE);
        extension.destroy(made.ref());
    }

    @Test
    void backendDeadlineStopsTheWorkload() {
        assumeThat(extension.descriptor().supports(Capability.BACKEND_DEADLINE))
                .as("extension declares no backend deadline").isTrue();
        String id = newSandboxId();
        Instant expires = Instant.now().plus(Duration.ofSeconds(3));
        ProvisionRequest request = request(id, workloadSpec(), expires).withDeadline(expires);
        Provisioned made = extension.create(request, Progress.NONE);
        assertThat(made.deadline()).isPresent();
        await().atMost(deadlineSlack()).pollInterval(Duration.ofMillis(250))
                .until(() -> extension.observe(made.ref()).status() != Observation.Status.RUNNING);
        assertThat(Instant.now()).as("stopped no earlier than its deadline").isAfterOrEqualTo(expires);
    }

    @Test
    void undeclaredVerbsAreRefused() {
        String id = newSandboxId();
        Provisioned made = create(id);
        for (Capability verb : OPTIONAL_VERBS) {
            if (extension.descriptor().supports(verb)) {
                continue;
            }
            assertThatThrownBy(() -> callVerb(verb, made.ref()))
                    .as(verb.id()).isInstanceOf(ExtensionException.Unsupported.class);
        }
    }

    private void callVerb(Capability verb, BackendRef ref) {
        switch (verb) {
            case EXEC -> extension.exec(ref, ExecRequest.of("true"));
            case EXTEND_DEADLINE -> extension.extendDeadline(ref, Instant.now().plus(Duration.ofHours(2)));
            case PAUSE -> extension.pause(ref);
            case LOGS -> extension.logTail(ref, 10);
            default -> throw new IllegalArgumentException(verb.id());
        }
    }

    @Test
    void execRunsArgvVerbatim() {
        assumeThat(extension.descriptor().supports(Capability.EXEC)).as("extension declares no exec").isTrue();
        String id = newSandboxId();
        Provisioned made = create(id);
        String tricky = "a b; echo injected $(id) `id` 'q\" \\";
        ExecResult result = extension.exec(made.ref(), new ExecRequest(List.of("echo", tricky), Map.of(),
                Optional.empty(), Duration.ofSeconds(30)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().strip()).isEqualTo(tricky);
        ExecResult failing = extension.exec(made.ref(), ExecRequest.of("sh", "-c", "exit 7"));
        assertThat(failing.exitCode()).isEqualTo(7);
    }

    @Test
    void pauseAndResumeRoundTrip() {
        assumeThat(extension.descriptor().supports(Capability.PAUSE)).as("extension declares no pause").isTrue();
        String id = newSandboxId();
        Provisioned made = create(id);
        extension.pause(made.ref());
        assertThat(extension.observe(made.ref()).status()).isEqualTo(Observation.Status.PAUSED);
        extension.resume(made.ref());
        assertThat(extension.observe(made.ref()).status()).isEqualTo(Observation.Status.RUNNING);
    }

    @Test
    void failedCreateLeavesNothingBehind() {
        String id = newSandboxId();
        ProvisionRequest request = request(id, failingSpec(), Instant.now().plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessageNotContaining("Exception");
        assertThat(extension.listOwned(owner)).noneMatch(r -> r.sandboxId().equals(id));
        assertThat(extension.observe(ref(id)).status()).isEqualTo(Observation.Status.GONE);
    }
}
