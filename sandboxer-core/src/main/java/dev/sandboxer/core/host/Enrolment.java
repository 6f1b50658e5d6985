package dev.sandboxer.core.host;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.core.profile.Quantities;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registering a host and reading its telemetry, the same for {@code sandboxer hosts} embedded and for the
 * server's {@code /v1/hosts} routes: validate everything, pin the host key only when the operator vouches for
 * it (a known_hosts file or an accepted fingerprint), log in with the pinned key and check podman and the work
 * root, and only then store the host. Paths (key, known_hosts) are on the machine this runs on.
 */
public final class Enrolment {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    /** A well-formed fingerprint, to validate every other field before the host is asked for its key. */
    private static final String PLACEHOLDER = "SHA256:" + "A".repeat(43);

    /**
     * What {@code hosts add} / {@code POST /v1/hosts} take.
     *
     * @param knownHosts        a known_hosts file to pin from; at most one of this and {@code acceptFingerprint}
     * @param acceptFingerprint the fingerprint the operator read on the host
     * @param cpu               cores or millicores ({@code 8}, {@code 7500m})
     * @param memory            a size ({@code 16Gi})
     */
    public record Request(String name, String address, int port, String user, String keyFile,
                          Optional<String> knownHosts, Optional<String> acceptFingerprint, String workRoot,
                          String cpu, String memory, int maxSandboxes, Map<String, String> labels) {
        public Request {
            knownHosts = knownHosts == null ? Optional.empty() : knownHosts;
            acceptFingerprint = acceptFingerprint == null ? Optional.empty() : acceptFingerprint;
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    private final Hosts hosts;
    private final HostAccess access;
    private final String installationId;
    private final Clock clock;

    public Enrolment(Hosts hosts, HostAccess access, String installationId, Clock clock) {
        this.hosts = hosts;
        this.access = access;
        this.installationId = installationId;
        this.clock = clock;
    }

    /** Registers the host, or fails with nothing stored. */
    public Host add(Request r) {
        Host draft = draft(r);
        String offered;
        try {
            offered = access.offeredKey(r.address(), r.port());
        } catch (TransportException e) {
            throw new SandboxerException.Unavailable(e.getMessage(), "check the address and port");
        }
        String pinned = pin(r, offered);
        Host host = new Host(draft.name(), draft.address(), draft.port(), draft.user(), draft.keyFile(), pinned,
                draft.workRoot(), draft.capacity(), draft.labels(), Host.State.ACTIVE, clock.instant());
        check(host);
        return hosts.add(host);
    }

    private Host draft(Request r) {
        if (r.knownHosts().isPresent() && r.acceptFingerprint().isPresent()) {
            throw invalid("give a known_hosts file or an accepted fingerprint, not both");
        }
        long cpuMillis = Quantities.parseCpu(r.cpu()).orElseThrow(() -> invalid("cpu '" + r.cpu()
                + "' must be a number of CPUs (2, 0.5) or millicores (500m)"));
        long memoryBytes = Quantities.parseMemory(r.memory()).orElseThrow(() -> invalid("memory '" + r.memory()
                + "' must be a size like 512Mi or 16Gi"));
        if (r.keyFile() == null || !Files.isReadable(Path.of(r.keyFile()))) {
            throw invalid("key " + r.keyFile() + " cannot be read");
        }
        r.acceptFingerprint().filter(f -> !FINGERPRINT.matcher(f).matches()).ifPresent(f -> {
            throw invalid("a host key fingerprint looks like SHA256: followed by 43 base64 characters (as "
                    + "ssh-keygen -lf prints it), not '" + f + "'");
        });
        try {
            return new Host(Host.requireName(r.name()), r.address(), r.port(), r.user(),
                    Path.of(r.keyFile()).toAbsolutePath().toString(), PLACEHOLDER, r.workRoot(),
                    new Host.Capacity(cpuMillis, memoryBytes / (1024 * 1024), r.maxSandboxes()), r.labels(),
                    Host.State.ACTIVE, clock.instant());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(String.valueOf(e.getMessage()));
        }
    }

    /** The fingerprint to pin: the offered one, once the operator has vouched for it. */
    private String pin(Request r, String offered) {
        String where = r.address() + ":" + r.port();
        if (r.acceptFingerprint().isPresent()) {
            String accepted = r.acceptFingerprint().get();
            if (!accepted.equals(offered)) {
                throw invalid("the host at " + where + " offers " + offered + ", not the accepted " + accepted
                        + "; refusing to add it");
            }
            return offered;
        }
        if (r.knownHosts().isEmpty()) {
            throw new SandboxerException.Invalid("host-key-unvouched", "the host at " + where + " offers the key "
                    + offered + "; check it out of band (on the host: ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub),"
                    + " then add the host again with --accept-fingerprint " + offered + " (or --known-hosts FILE)",
                    "");
        }
        String file = r.knownHosts().get();
        List<String> known;
        try {
            known = access.knownKeys(Path.of(file), r.address(), r.port());
        } catch (IOException e) {
            throw invalid("known_hosts file " + file + " cannot be read: " + e.getMessage());
        }
        if (known.isEmpty()) {
            throw invalid(file + " lists no key for " + where);
        }
        if (!known.contains(offered)) {
            throw invalid("the host at " + where + " offers " + offered + ", which " + file + " does not list for it "
                    + "(it lists " + String.join(", ", known) + "); refusing to add it");
        }
        return offered;
    }

    /** Logs in with the pinned key and makes the work root: a host that cannot be used is not registered. */
    private void check(Host host) {
        Transport transport = null;
        try {
            transport = access.connect(host);
            CommandResult ok = transport.run(Command.of("sh", "-c", "mkdir -p -m 0700 -- \"$1\" && command -v podman",
                    "sh", host.workRoot()).withTimeout(Duration.ofSeconds(30)));
            if (!ok.ok()) {
                throw new SandboxerException.Unavailable("host " + host.name() + " cannot be used: "
                        + (ok.timedOut() ? "timed out" : "podman is missing or " + host.workRoot()
                        + " cannot be made (" + ok.tail(1) + ")"), "install podman on the host (scripts/prereqs.sh)");
            }
        } catch (TransportException e) {
            throw new SandboxerException.Unavailable(e.getMessage(),
                    "check the address, the key and that the host's sshd accepts it");
        } finally {
            close(transport);
        }
    }

    /** Reads the host's telemetry now through its pinned connection and records it; unreachable is a sample too. */
    public HostSample refresh(Host host) {
        HostSample sample;
        Transport transport = null;
        try {
            transport = access.connect(host);
            sample = Telemetry.read(host.name(), transport, host.workRoot(), installationId, clock.instant());
        } catch (TransportException e) {
            sample = HostSample.unreachable(host.name(), clock.instant(), e.getMessage());
        } finally {
            close(transport);
        }
        hosts.record(sample);
        return sample;
    }

    /** Reads every registered host at once. */
    public void refreshAll() {
        List<Thread> reads = new ArrayList<>();
        for (Hosts.View view : hosts.list()) {
            reads.add(Thread.ofVirtual().start(() -> refresh(view.host())));
        }
        for (Thread read : reads) {
            try {
                read.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(Transport transport) {
        if (transport instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a connection that failed anyway
            }
        }
    }

    private static SandboxerException invalid(String message) {
        return new SandboxerException.Invalid("invalid-host", message, "");
    }
}
