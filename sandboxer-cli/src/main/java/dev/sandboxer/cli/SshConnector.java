package dev.sandboxer.cli;

import dev.sandboxer.core.host.HostConnector;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.transport.ssh.SshTarget;
import dev.sandboxer.transport.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;

/** A registered host's transport: SSH, checked against the key pinned when the host was added. */
final class SshConnector implements HostConnector {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public SshTransport connect(Host host) {
        return new SshTransport(new SshTarget(host.address(), host.port(), host.user(), Path.of(host.keyFile()),
                host.hostKeyFingerprint(), CONNECT_TIMEOUT, SshTarget.DEFAULT_KEEP_ALIVE));
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
