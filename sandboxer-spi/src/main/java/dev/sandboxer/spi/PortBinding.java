package dev.sandboxer.spi;

import java.util.Optional;

/**
 * A port to publish.
 *
 * @param name          endpoint name, e.g. {@code web}
 * @param service       for multi-service sandboxes, which service listens; empty for single containers
 * @param containerPort the port inside the sandbox
 * @param hostIp        the host address to bind, normally 127.0.0.1
 * @param hostPort      the host port the engine allocated (free, not used by another live sandbox)
 * @param protocol      {@code http} or {@code tcp}: how the endpoint is shown
 */
public record PortBinding(String name, Optional<String> service, int containerPort, String hostIp, int hostPort,
                          String protocol) {
}
