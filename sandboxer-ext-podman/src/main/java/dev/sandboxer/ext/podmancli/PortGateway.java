package dev.sandboxer.ext.podmancli;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes ports of a sandbox whose egress is denied.
 *
 * <p>Why it exists: with podman 4.3 + netavark, ports published by a container on an {@code --internal}
 * network are silently not forwarded (no DNAT rule is made), and {@code --network none} discards port
 * mappings. So a denied sandbox sits on an internal network with no route out, and this small relay
 * container, attached to that network and to a per-sandbox bridge, publishes each port and relays every
 * connection to the workload. It runs only this fixed script; the workload never gets a route out.
 */
public final class PortGateway {
    public static final String DEFAULT_IMAGE = "localhost/sandboxer/busybox:latest";
    public static final String ROLE = "port-gateway";

    /** Arguments come in threes (listen port, target host, target port); busybox nc relays each connection. */
    private static final String SCRIPT = "while [ \"$#\" -ge 3 ]; do nc -ll -p \"$1\" -e nc \"$2\" \"$3\" & "
            + "shift 3; done; wait";

    private PortGateway() {
    }

    /** One relay: listen on {@code listenPort} in the gateway, forward to {@code host:port}. */
    public record Relay(int listenPort, String host, int port) {
    }

    public static List<String> command(List<Relay> relays) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "port-gateway"));
        for (Relay relay : relays) {
            argv.add(Integer.toString(relay.listenPort()));
            argv.add(relay.host());
            argv.add(Integer.toString(relay.port()));
        }
        return argv;
    }
}
