package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.Endpoint;
import dev.sandboxer.spi.PortBinding;
import java.util.ArrayList;
import java.util.List;

/** How a podman-made sandbox is reached: one endpoint per published port, plus exec. */
public final class Endpoints {
    private Endpoints() {
    }

    public static List<Endpoint> of(List<PortBinding> ports, String execCommand) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (PortBinding port : ports) {
            String host = port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp();
            endpoints.add("http".equals(port.protocol())
                    ? new Endpoint(port.name(), "http", "http://" + host + ":" + port.hostPort() + "/")
                    : new Endpoint(port.name(), "tcp", host + ":" + port.hostPort()));
        }
        endpoints.add(new Endpoint("exec", "exec", execCommand));
        return endpoints;
    }

    /** {@code -p} value; the same text works in a compose {@code ports} list. */
    public static String publish(PortBinding port, int containerPort) {
        String host = port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp();
        return host + ":" + port.hostPort() + ":" + containerPort;
    }
}
