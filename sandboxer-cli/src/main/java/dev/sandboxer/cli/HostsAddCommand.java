package dev.sandboxer.cli;

import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.profile.Quantities;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.transport.ssh.HostKeyPin;
import dev.sandboxer.transport.ssh.HostKeys;
import dev.sandboxer.transport.ssh.SshTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@picocli.CommandLine.Command(name = "add", mixinStandardHelpOptions = true,
        description = "Registers a host reached over SSH, pinning its host key, after checking that it can be "
                + "logged in to and runs podman.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer hosts add h1 --address 10.0.0.5 --key ~/.ssh/id_ecdsa --known-hosts ~/.ssh/known_hosts",
            "  sandboxer hosts add h2 --address 10.0.0.6 --port 2222 --key k --accept-fingerprint SHA256:... "
                + "--cpu 4 --memory 8Gi --max-sandboxes 10 --label zone=b",
            "Without --known-hosts or --accept-fingerprint it prints the key the host offers and changes nothing.",
        })
final class HostsAddCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The host's name in sand-boxer (a-z, 0-9, -).")
    String name;

    @Option(names = "--address", required = true, description = "Host name or IP address to connect to.")
    String address;

    @Option(names = "--port", defaultValue = "22", description = "SSH port (default 22).")
    int port;

    @Option(names = "--user", defaultValue = "root", description = "Login name (default root).")
    String user;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key to log in with.")
    Path key;

    static final class Trust {
        @Option(names = "--known-hosts", paramLabel = "FILE",
                description = "Pin the key this known_hosts file lists for the host.")
        Path knownHosts;

        @Option(names = "--accept-fingerprint", paramLabel = "SHA256:...",
                description = "Pin this fingerprint (check it on the host: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub).")
        String fingerprint;
    }

    @ArgGroup(exclusive = true)
    Trust trust;

    @Option(names = "--work-root", defaultValue = "/var/lib/sandboxer", paramLabel = "DIR",
            description = "Directory on the host for sandboxes' private directories (default /var/lib/sandboxer).")
    String workRoot;

    @Option(names = "--cpu", defaultValue = "2", description = "CPUs sandboxes may reserve, e.g. 8 or 7500m.")
    String cpu;

    @Option(names = "--memory", defaultValue = "4Gi", description = "Memory sandboxes may reserve, e.g. 16Gi.")
    String memory;

    @Option(names = "--max-sandboxes", defaultValue = "10", description = "Most sandboxes at once.")
    int maxSandboxes;

    @Option(names = "--label", paramLabel = "K=V", description = "A label profiles can ask for; repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        HostsCommand.refuseRemote(this);
        Host.requireName(name);
        long cpuMillis = Quantities.parseCpu(cpu).orElseThrow(() -> new IllegalArgumentException(
                "--cpu '" + cpu + "' must be a number of CPUs (2, 0.5) or millicores (500m)"));
        long memoryBytes = Quantities.parseMemory(memory).orElseThrow(() -> new IllegalArgumentException(
                "--memory '" + memory + "' must be a size like 512Mi or 16Gi"));
        if (!Files.isReadable(key)) {
            throw new IllegalArgumentException("--key " + key + " cannot be read");
        }
        String offered = HostKeys.offered(address, port, SshConnector.CONNECT_TIMEOUT);
        String pinned = pin(offered);
        if (pinned == null) {
            err().println("error: the host at " + address + ":" + port + " offers the key " + offered
                    + "; check it out of band (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub), then add "
                    + "the host again with --accept-fingerprint " + offered + " (or --known-hosts FILE)");
            return FailureReport.INVALID;
        }
        Host host = new Host(name, address, port, user, key.toAbsolutePath().toString(), pinned, workRoot,
                new Host.Capacity(cpuMillis, memoryBytes / (1024 * 1024), maxSandboxes), labels, Host.State.ACTIVE,
                environment().clock().instant());
        check(host);
        try (ControlPlanes.Session session = openControlPlane()) {
            session.plane().hosts().add(host);
        }
        if (global().json()) {
            printJson(host);
        } else {
            out().println("added host " + name + " (ssh://" + user + "@" + address + ":" + port + ")");
            out().println("  host key   " + pinned + " (pinned: a different key will be refused)");
            out().println("  capacity   " + host.capacity());
        }
        return 0;
    }

    /** The fingerprint to pin, or null when the operator has not vouched for the offered key. */
    private String pin(String offered) throws IOException {
        if (trust == null) {
            return null;
        }
        if (trust.fingerprint != null) {
            HostKeyPin.requireFingerprint(trust.fingerprint);
            if (!trust.fingerprint.equals(offered)) {
                throw new IllegalArgumentException("the host at " + address + ":" + port + " offers " + offered
                        + ", not the accepted " + trust.fingerprint + "; refusing to add it");
            }
            return offered;
        }
        List<String> known = HostKeys.known(trust.knownHosts, address, port);
        if (known.isEmpty()) {
            throw new IllegalArgumentException(trust.knownHosts + " lists no key for " + address + ":" + port);
        }
        if (!known.contains(offered)) {
            throw new IllegalArgumentException("the host at " + address + ":" + port + " offers " + offered
                    + ", which " + trust.knownHosts + " does not list for it (it lists " + String.join(", ", known)
                    + "); refusing to add it");
        }
        return offered;
    }

    /** Logs in with the pinned key and makes the work root: a host that cannot be used is not registered. */
    private void check(Host host) {
        SshTransport transport = new SshConnector().connect(host);
        try {
            CommandResult ok = transport.run(Command.of("sh", "-c", "mkdir -p -m 0700 -- \"$1\" && command -v podman",
                    "sh", host.workRoot()).withTimeout(Duration.ofSeconds(30)));
            if (!ok.ok()) {
                throw new dev.sandboxer.core.error.SandboxerException.Unavailable("host " + host.name()
                        + " cannot be used: " + (ok.timedOut() ? "timed out" : "podman is missing or " + host.workRoot()
                        + " cannot be made (" + ok.tail(1) + ")"), "install podman on the host (scripts/prereqs.sh)");
            }
        } catch (dev.sandboxer.spi.transport.TransportException e) {
            throw new dev.sandboxer.core.error.SandboxerException.Unavailable(e.getMessage(),
                    "check the address, the key and that the host's sshd accepts it");
        } finally {
            SshConnector.close(transport);
        }
    }
}
