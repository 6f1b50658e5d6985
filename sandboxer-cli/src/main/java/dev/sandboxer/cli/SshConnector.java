package dev.sandboxer.cli;

import dev.sandboxer.core.host.HostAccess;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.transport.ssh.HostKeys;
import dev.sandboxer.transport.ssh.SshTarget;
import dev.sandboxer.transport.ssh.SshTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A registered host's transport: SSH, checked against the key pinned when the host was added; and the key
 * learning that adding a host needs. The CLI uses it embedded and hands it to the server it runs.
 */
final class SshConnector implements HostAccess {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public SshTransport connect(Host host) {
        return new SshTransport(new SshTarget(host.address(), host.port(), host.user(), Path.of(host.keyFile()),
                host.hostKeyFingerprint(), CONNECT_TIMEOUT, SshTarget.DEFAULT_KEEP_ALIVE));
    }

    @Override
    public String offeredKey(String address, int port) {
        return HostKeys.offered(address, port, CONNECT_TIMEOUT);
    }

    @Override
    public List<String> knownKeys(Path knownHosts, String address, int port) throws IOException {
        return HostKeys.known(knownHosts, address, port);
    }

    static void close(Transport transport) {
        if (transport instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a connection that failed anyway
            }
        }
    }
}
