package dev.sandboxer.server;

import dev.sandboxer.core.host.HostAccess;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stateful fake of the SSH side for server tests (the server module has no SSH client): every address but
 * {@link #UNREACHABLE} is this machine, offering {@link #KEY}, and commands run here, so the add check (podman,
 * work root) and telemetry reads are real. A "known_hosts" file is read as {@code address fingerprint} lines.
 */
final class ThisMachineHosts implements HostAccess {
    static final String KEY = "SHA256:" + "k".repeat(43);
    static final String UNREACHABLE = "192.0.2.1";

    @Override
    public String offeredKey(String address, int port) {
        reachable(address, port);
        return KEY;
    }

    @Override
    public List<String> knownKeys(Path knownHosts, String address, int port) throws IOException {
        return Files.readAllLines(knownHosts).stream().map(String::strip).filter(l -> l.startsWith(address + " "))
                .map(l -> l.substring(address.length() + 1).strip()).toList();
    }

    @Override
    public Transport connect(Host host) {
        reachable(host.address(), host.port());
        if (!host.hostKeyFingerprint().equals(KEY)) {
            throw new TransportException("the host key has changed: pinned " + host.hostKeyFingerprint()
                    + ", offered " + KEY, null);
        }
        return new LocalTransport();
    }

    private static void reachable(String address, int port) {
        if (address.equals(UNREACHABLE)) {
            throw new TransportException("cannot reach " + address + ":" + port + ": connection timed out", null);
        }
    }
}
