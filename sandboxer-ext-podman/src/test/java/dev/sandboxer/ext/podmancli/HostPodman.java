package dev.sandboxer.ext.podmancli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The podman on this machine, used directly by tests: behind the extensions' backs and to check leftovers. */
public final class HostPodman {
    public static final String IMAGE = "localhost/sandboxer/busybox:latest";
    private static final LocalTransport LOCAL = new LocalTransport();

    private HostPodman() {
    }

    public static CommandResult run(String... argv) {
        return LOCAL.run(Command.of(argv).withTimeout(Duration.ofMinutes(2)));
    }

    /** Builds the busybox image once per machine (fast when it exists); no registry is reachable here. */
    public static synchronized void ensureImage() {
        if (run("podman", "image", "exists", IMAGE).ok()) {
            return;
        }
        Path script = Path.of("..", "scripts", "build-images.sh").toAbsolutePath().normalize();
        assertThat(Files.exists(script)).as(script + " exists").isTrue();
        CommandResult built = LOCAL.run(Command.of("bash", script.toString()).withTimeout(Duration.ofMinutes(5)));
        assertThat(built.ok()).as("build-images.sh: " + built.stderr()).isTrue();
    }

    /** Every container, network and volume labelled with this installation, as {@code kind:name} lines. */
    public static List<String> leftovers(String installationId) {
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

    /** Removes whatever a sandbox has, straight through podman: the TCK's "behind our back". */
    public static void removeSandbox(String sandboxId) {
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

    /** Removes a test's temporary directory (the extension has already emptied it). */
    public static void deleteTree(Path dir) {
        try {
            LOCAL.deleteTree(dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on now; the engine would allocate it, the tests pick one. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
