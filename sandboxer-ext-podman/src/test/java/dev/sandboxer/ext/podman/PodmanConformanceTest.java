package dev.sandboxer.ext.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.ext.podmancli.HostPodman;
import dev.sandboxer.ext.podmancli.RecordingTransport;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The podman extension against the conformance kit, on this machine's real podman. */
class PodmanConformanceTest extends ExtensionConformanceTest {
    private final RecordingTransport transport = new RecordingTransport();

    @Override
    protected ExtensionContext context(Owner owner, Path workDir) {
        return new ExtensionContext(owner, transport, workDir, Map.of(), Clock.systemUTC());
    }

    @Override
    protected Extension createExtension(ExtensionContext context) {
        HostPodman.ensureImage();
        return new PodmanExtension(context);
    }

    @Override
    protected Map<String, Object> workloadSpec() {
        return Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace")));
    }

    /**
     * Fails only after a volume and the container exist and have started, so the kit's
     * failedCreateLeavesNothingBehind proves the clean-up of a half-made sandbox, not a create that made nothing.
     */
    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", "echo boom; exit 3"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace")));
    }

    @Test
    void theFailingSpecFailsOnlyAfterItsResourcesExist() {
        transport.clear();
        String id = newSandboxId();
        List<String> steps = new ArrayList<>();
        ProvisionRequest request = request(id, failingSpec(), Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> extension().create(request, steps::add))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessage("container sbx-" + id + " exited with code 3 right after it started");
        assertThat(steps).contains("creating volume sbx-" + id + "-workspace", "starting container sbx-" + id + " from " + HostPodman.IMAGE);
        // The clean-up had something to remove: the half-made sandbox's container and volume.
        List<List<String>> argvs = transport.runs().stream().map(r -> r.command().argv()).toList();
        assertThat(argvs).anyMatch(a -> startsWith(a, "podman", "rm") && a.size() > 7);
        assertThat(argvs).anyMatch(a -> startsWith(a, "podman", "volume", "rm"));
        assertThat(HostPodman.leftovers(owner().installationId())).isEmpty();
    }

    private static boolean startsWith(List<String> argv, String... prefix) {
        return argv.size() >= prefix.length && argv.subList(0, prefix.length).equals(List.of(prefix));
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        HostPodman.removeSandbox(sandboxId);
    }
}
