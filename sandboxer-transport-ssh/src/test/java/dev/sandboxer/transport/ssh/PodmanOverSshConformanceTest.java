package dev.sandboxer.transport.ssh;

import dev.sandboxer.ext.podman.PodmanExtension;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** ext.podman driven over SSH (what ext.podman-ssh runs on each host), against the kit and a real OpenSSH server. */
class PodmanOverSshConformanceTest extends ExtensionConformanceTest {
    private static SshdHost host;
    private static SshTransport transport;

    /** Runs after the kit's own @AfterAll (which still needs the host to list what is left). */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.AfterAllCallback STOP_HOST = context -> {
        if (transport != null) {
            transport.close();
        }
        if (host != null) {
            host.close();
        }
    };

    @Override
    protected ExtensionContext context(Owner owner, Path workDir) {
        try {
            host = SshdHost.start("podman-tck");
            transport = new SshTransport(host.target());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExtensionContext(owner, transport, host.data().resolve("podman"), Map.of(), Clock.systemUTC());
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

    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", "echo boom; exit 3"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace")));
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        HostPodman.removeSandbox(sandboxId);
    }

    @AfterAll
    void nothingIsLeftInPodman() {
        org.assertj.core.api.Assertions.assertThat(HostPodman.leftovers(owner().installationId())).isEmpty();
    }
}
