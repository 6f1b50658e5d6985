package dev.sandboxer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What sand-boxer needs from this host, checked the way the podman extension will meet it: commands run
 * through a {@link Transport} (so tests can take podman away), settings read from podman itself.
 */
final class HostChecks {
    static final String BUILTIN_IMAGE = "localhost/sandboxer/busybox:latest";
    static final long MIN_FREE_BYTES = 1024L * 1024 * 1024;
    private static final Duration PODMAN_TIMEOUT = Duration.ofSeconds(60);

    private final Transport transport;
    private final Map<String, String> env;
    private final SandboxerHome home;

    HostChecks(Transport transport, Map<String, String> env, SandboxerHome home) {
        this.transport = transport;
        this.env = env;
        this.home = home;
    }

    List<HostCheck> run() {
        List<HostCheck> checks = new ArrayList<>();
        boolean podman = transport.hasProgram("podman");
        checks.add(podman ? HostCheck.ok("podman on PATH", "found")
                : HostCheck.fail("podman on PATH", "podman is not on PATH", "install it: apt-get install podman"));
        Optional<JsonNode> info = podman ? podmanInfo(checks) : Optional.empty();
        if (!podman) {
            checks.add(HostCheck.fail("podman info", "not run: podman is missing", "install podman first"));
        }
        checks.add(program("runc", "apt-get install runc"));
        checks.add(program("podman-compose", "apt-get install podman-compose"));
        String conf = ContainersConf.file(env);
        checks.add(setting(info, "OCI runtime is runc", "/host/ociRuntime/name", "runc",
                "set runtime = \"runc\" under [engine] in " + conf));
        checks.add(setting(info, "cgroup manager is cgroupfs", "/host/cgroupManager", "cgroupfs",
                "set cgroup_manager = \"cgroupfs\" under [engine] in " + conf));
        checks.add(ulimits(conf));
        checks.add(image(podman));
        checks.add(freeDisk());
        checks.add(homeWritable());
        return checks;
    }

    private Optional<JsonNode> podmanInfo(List<HostCheck> checks) {
        String name = "podman info";
        try {
            CommandResult r = transport.run(Command.of("podman", "info", "--format", "json").withTimeout(PODMAN_TIMEOUT));
            if (!r.ok()) {
                String why = r.timedOut() ? "timed out" : "exit " + r.exitCode() + ": " + r.tail(3).replace('\n', ' ');
                checks.add(HostCheck.fail(name, why,
                        "run 'podman info' to see why; hosts with hybrid cgroups need runtime = \"runc\" and "
                                + "cgroup_manager = \"cgroupfs\" under [engine] in " + ContainersConf.file(env)));
                return Optional.empty();
            }
            JsonNode tree = JsonFormat.mapper().readTree(r.stdout());
            checks.add(HostCheck.ok(name, "podman " + tree.at("/version/Version").asText("?")));
            return Optional.of(tree);
        } catch (TransportException | IOException e) {
            checks.add(HostCheck.fail(name, e.getMessage(), "run 'podman info' to see why"));
            return Optional.empty();
        }
    }

    private HostCheck program(String name, String install) {
        return transport.hasProgram(name) ? HostCheck.ok(name + " on PATH", "found")
                : HostCheck.fail(name + " on PATH", name + " is not on PATH", "install it: " + install);
    }

    private static HostCheck setting(Optional<JsonNode> info, String name, String pointer, String wanted, String fix) {
        if (info.isEmpty()) {
            return HostCheck.fail(name, "unknown: podman info did not work", "fix podman info first");
        }
        String actual = info.get().at(pointer).asText("");
        return actual.equals(wanted) ? HostCheck.ok(name, actual)
                : HostCheck.fail(name, "it is '" + actual + "'", fix);
    }

    /** Podman cannot report this one, so it is read from the file podman reads. */
    private HostCheck ulimits(String conf) {
        String name = "default ulimits nofile and nproc";
        String fix = "set default_ulimits = [\"nofile=1024:1024\", \"nproc=1024:1024\"] under [containers] in " + conf;
        String text;
        try {
            text = Files.readString(Path.of(conf));
        } catch (IOException e) {
            return HostCheck.fail(name, "cannot read " + conf, fix);
        }
        List<String> entries = ContainersConf.defaultUlimits(text).orElse(List.of());
        boolean nofile = entries.stream().anyMatch(e -> e.startsWith("nofile="));
        boolean nproc = entries.stream().anyMatch(e -> e.startsWith("nproc="));
        return nofile && nproc ? HostCheck.ok(name, String.join(", ", entries) + " (" + conf + ")")
                : HostCheck.fail(name, entries.isEmpty() ? "not set in " + conf
                        : "only " + String.join(", ", entries) + " in " + conf, fix);
    }

    private HostCheck image(boolean podman) {
        String name = "image " + BUILTIN_IMAGE;
        String fix = "./setup.sh builds it";
        if (!podman) {
            return HostCheck.fail(name, "unknown: podman is missing", "install podman, then " + fix);
        }
        try {
            CommandResult r = transport.run(Command.of("podman", "image", "exists", BUILTIN_IMAGE)
                    .withTimeout(PODMAN_TIMEOUT));
            return r.ok() ? HostCheck.ok(name, "present") : HostCheck.fail(name, "missing", fix);
        } catch (TransportException e) {
            return HostCheck.fail(name, e.getMessage(), fix);
        }
    }

    private HostCheck freeDisk() {
        Path where = existingAncestor(home.root());
        String name = "free disk under " + home.root();
        try {
            long free = Files.getFileStore(where).getUsableSpace();
            String amount = String.format("%.1f GiB free", free / (1024.0 * 1024 * 1024));
            return free >= MIN_FREE_BYTES ? HostCheck.ok(name, amount)
                    : HostCheck.fail(name, amount + ", under 1 GiB", "free some space or use --home on a larger disk");
        } catch (IOException e) {
            return HostCheck.fail(name, "cannot tell: " + e.getMessage(), "check that " + where + " is readable");
        }
    }

    /** Writes and removes a probe file: permissions alone do not tell about read-only mounts. */
    private HostCheck homeWritable() {
        String name = "home " + home.root() + " writable";
        String fix = "make it writable, or point --home / $SANDBOXER_HOME elsewhere";
        try {
            Files.createDirectories(home.root());
            Path probe = Files.createTempFile(home.root(), ".doctor", ".tmp");
            Files.delete(probe);
            return HostCheck.ok(name, "yes");
        } catch (IOException | SecurityException e) {
            return HostCheck.fail(name, "cannot write: " + e.getMessage(), fix);
        }
    }

    private static Path existingAncestor(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("/") : p;
    }
}
