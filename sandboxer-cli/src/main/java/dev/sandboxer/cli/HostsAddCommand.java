package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.host.Enrolment;
import dev.sandboxer.core.model.Host;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The private key to log in with (with --server: a path on the server's machine).")
    Path key;

    static final class Trust {
        @Option(names = "--known-hosts", paramLabel = "FILE",
                description = "Pin the key this known_hosts file lists for the host (with --server: on the server's machine).")
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
    public Integer call() {
        // Embedded the key is read here; with --server the server logs in, so the paths are on its machine.
        String keyFile = remote() ? key.toString() : key.toAbsolutePath().toString();
        Enrolment.Request request = new Enrolment.Request(name, address, port, user, keyFile,
                Optional.ofNullable(trust).map(t -> t.knownHosts).map(Path::toString),
                Optional.ofNullable(trust).map(t -> t.fingerprint), workRoot, cpu, memory, maxSandboxes, labels);
        Host host;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            host = sandboxes.addHost(request);
        }
        if (global().json()) {
            printJson(host);
        } else {
            out().println("added host " + name + " (ssh://" + user + "@" + address + ":" + port + ")");
            out().println("  host key   " + host.hostKeyFingerprint() + " (pinned: a different key will be refused)");
            out().println("  capacity   " + host.capacity());
        }
        return 0;
    }
}
