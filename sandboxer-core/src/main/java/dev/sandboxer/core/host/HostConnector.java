package dev.sandboxer.core.host;

import dev.sandboxer.core.model.Host;
import dev.sandboxer.spi.transport.Transport;

/** Opens a host's transport (SSH with its pinned key); given by the edge that has an SSH client. */
@FunctionalInterface
public interface HostConnector {
    Transport connect(Host host);
}
