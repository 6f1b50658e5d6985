package dev.sandboxer.ext.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.ext.podmancli.HostPodman;
import dev.sandboxer.ext.podmancli.RecordingTransport;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose extension against the conformance kit, on this machine's real podman-compose. */
class ComposeConformanceTest extends ExtensionConformanceTest {
    private final RecordingTransport transport = new RecordingTransport();

    @Override
    protected ExtensionContext context(Owner owner, Path workDir) {
        return new ExtensionContext(owner, transport, workDir, Map.of(), Clock.systemUTC());
    }

    @Override
    protected Extension createExtension(ExtensionContext context) {
        HostPodman.ensureImage();
        return new ComposeExtension(context);
    }

    @Override
    protected Map<String, Object> workloadSpec() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("app", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600"),
                "volumes", List.of("data:/data"), "depends_on", List.of("cache")));
        services.put("cache", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600")));
        return Map.of("services", services, "volumes", Map.of("data", Map.of()));
    }

    /**
     * podman-compose makes the stack network, the volume and the container, and the service exits at once: the
     * kit's failedCreateLeavesNothingBehind then proves the clean-up of a half-made stack.
     */
    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("services", Map.of("app", Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo boom; exit 3"), "volumes", List.of("data:/data"))),
                "volumes", Map.of("data", Map.of()));
    }

    @Test
    void theFailingSpecFailsOnlyAfterItsResourcesExist() {
        transport.clear();
        String id = newSandboxId();
        ProvisionRequest request = request(id, failingSpec(), Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> extension().create(request, Progress.NONE))
                .isInstanceOfSatisfying(ExtensionException.ProvisionFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("service app exited with code 3");
                    assertThat(e.diagnostics()).contains("boom");
                });
        // The clean-up had something to remove: the half-made sandbox's container and volume and network.
        List<List<String>> argvs = transport.runs().stream().map(r -> r.command().argv()).toList();
        assertThat(argvs).anyMatch(a -> startsWith(a, "podman", "rm") && a.size() > 7);
        assertThat(argvs).anyMatch(a -> startsWith(a, "podman", "volume", "rm"));
        assertThat(argvs).anyMatch(a -> startsWith(a, "podman", "network", "rm"));
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
