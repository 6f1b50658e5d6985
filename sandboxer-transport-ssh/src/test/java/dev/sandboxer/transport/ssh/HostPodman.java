package dev.sandboxer.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This machine's podman, used behind the extensions' backs. Every test "host" is this machine reached over its own
 * sshd, so what a remote host's podman holds is what this podman holds.
 */
final class HostPodman {
    static final String IMAGE = "localhost/sandboxer/busybox:latest";
    private static final LocalTransport LOCAL = new LocalTransport();

    private HostPodman() {
    }

    static CommandResult run(String... argv) {
        return LOCAL.run(Command.of(argv).withTimeout(Duration.ofMinutes(2)));
    }

    static synchronized void ensureImage() {
        if (run("podman", "image", "exists", IMAGE).ok()) {
            return;
        }
        Path script = Path.of("..", "scripts", "build-images.sh").toAbsolutePath().normalize();
        assertThat(Files.exists(script)).as(script + " exists").isTrue();
        CommandResult built = LOCAL.run(Command.of("bash", script.toString()).withTimeout(Duration.ofMinutes(5)));
        assertThat(built.ok()).as("build-images.sh: " + built.stderr()).isTrue();
    }

    static List<String> leftovers(String installationId) {
        String filter = "label=dev.sandboxer.installation=" + installationId;
        List<String> found = new ArrayList<>();
        run("podman", "ps", "-a", "--filter", filter, "--format", "{{.Names}}").stdout().lines()
                .filter(l -> !l.isBlank()).forEach(l -> found.add("container:" + l));
        run("podman", "network", "ls", "--filter", filter, "--format", "{{.Name}}").stdout().lines()
                .filter(l -> !l.isBlank()).forEach(l -> found.add("network:" + l));
        run("podman", "volume", "ls", "--filter", filter, "--format", "{{.Name}}").stdout().lines()
                .filter(l -> !l.isBlank()).forEach(l -> found.add("volume:" + l));
        return found;
    }

    static void removeSandbox(String sandboxId) {
        String filter = "label=dev.sandboxer.sandbox=" + sandboxId;
        for (String id : run("podman", "ps", "-aq", "--filter", filter).stdout().lines().toList()) {
            run("podman", "rm", "-f", "-t", "0", id);
        }
        for (String name : run("podman", "network", "ls", "-q", "--filter", filter).stdout().lines().toList()) {
            run("podman", "network", "rm", "-f", name);
        }
        for (String name : run("podman", "volume", "ls", "-q", "--filter", filter).stdout().lines().toList()) {
            run("podman", "volume", "rm", "-f", name);
        }
    }
}
