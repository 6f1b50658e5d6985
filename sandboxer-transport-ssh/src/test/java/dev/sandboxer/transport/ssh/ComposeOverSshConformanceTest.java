package dev.sandboxer.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.ext.compose.ComposeExtension;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ext.compose driven over SSH (what ext.compose-ssh runs on each host): podman-compose on the far side of a real
 * OpenSSH server, the compose project uploaded into a 0700 per-sandbox directory that destroy removes.
 */
class ComposeOverSshConformanceTest extends ExtensionConformanceTest {
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
            host = SshdHost.start("compose-tck");
            transport = new SshTransport(host.target());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExtensionContext(owner, transport, host.data().resolve("compose"), Map.of(), Clock.systemUTC());
    }

    @Override
    protected Extension createExtension(ExtensionContext context) {
        HostPodman.ensureImage();
        return new ComposeExtension(context);
    }

    /**
     * One service (the local ComposeConformanceTest covers several): the kit's deadline test gives the stack a
     * 3 s deadline, and each podman-compose step over SSH costs a Python start on the host; two services can
     * take longer than that on a loaded 2-core machine, and a service would meet its deadline before the
     * create had even checked it.
     */
    @Override
    protected Map<String, Object> workloadSpec() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("app", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600"),
                "volumes", List.of("data:/data")));
        return Map.of("services", services, "volumes", Map.of("data", Map.of()));
    }

    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("services", Map.of("app", Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo boom; exit 3"), "volumes", List.of("data:/data"))),
                "volumes", Map.of("data", Map.of()));
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        HostPodman.removeSandbox(sandboxId);
    }

    @Test
    void theProjectIsUploadedIntoAPrivateDirectoryThatDestroyRemoves() throws IOException {
        String id = newSandboxId();
        Provisioned made = extension().create(request(id, workloadSpec(), Instant.now().plusSeconds(600)),
                Progress.NONE);
        try {
            Path dir = host.data().resolve("compose").resolve(sandboxDirectory(id));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(made.location()).isEqualTo("ssh://root@127.0.0.1:" + host.port());
        } finally {
            extension().destroy(made.ref());
        }
        assertThat(host.data().resolve("compose").resolve(sandboxDirectory(id))).doesNotExist();
    }

    private String sandboxDirectory(String id) throws IOException {
        try (var entries = Files.list(host.data().resolve("compose"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.contains(id)).findFirst()
                    .orElse("sbx-" + id);
        }
    }

    @AfterAll
    void nothingIsLeftInPodman() {
        org.assertj.core.api.Assertions.assertThat(HostPodman.leftovers(owner().installationId())).isEmpty();
    }
}
