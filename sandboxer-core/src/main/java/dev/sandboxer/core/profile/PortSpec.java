package dev.sandboxer.core.profile;

import dev.sandboxer.spi.PortBinding;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A port the sandbox listens on that the engine publishes on a host address.
 *
 * @param name     how endpoints and readiness refer to it, e.g. {@code web}
 * @param service  for multi-service sandboxes: which service listens
 * @param port     the port inside the sandbox
 * @param protocol how the endpoint is shown: an {@code http://} URL or a plain host:port
 */
public record PortSpec(String name, Optional<String> service, int port, Protocol protocol) {

    public enum Protocol {
        HTTP, TCP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
    }

    /** This port published on {@code hostIp:hostPort}, as the extension receives it. */
    public PortBinding bind(String hostIp, int hostPort) {
        return new PortBinding(name, service, port, hostIp, hostPort, protocol.id());
    }

    static Optional<PortSpec> read(Section s) {
        Optional<String> name = s.require("name", "name: web").flatMap(s::string).filter(n -> {
            boolean ok = ProfileRef.ID.matcher(n).matches();
            if (!ok) {
                s.problems().at(s.get("name").orElseThrow(), Quote.of(n) + " is not a port name; use lower-case"
                        + " letters, digits and '-', e.g. web");
            }
            return ok;
        });
        Optional<String> service = s.string("service");
        Optional<Long> port = s.require("port", "port: 8080").flatMap(n -> s.wholeNumber("port")).filter(p -> {
            boolean ok = p >= 1 && p <= 65535;
            if (!ok) {
                s.problems().at(s.get("port").orElseThrow(), p + " is not a port number; use 1 to 65535");
            }
            return ok;
        });
        Protocol protocol = s.string("protocol").map(word -> {
            for (Protocol p : Protocol.values()) {
                if (p.id().equals(word)) {
                    return p;
                }
            }
            s.problems().at(s.get("protocol").orElseThrow(), Quote.of(word) + " is not a protocol; use http or tcp");
            return Protocol.TCP;
        }).orElse(Protocol.TCP);
        if (name.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PortSpec(name.get(), service, port.get().intValue(), protocol));
    }
}
