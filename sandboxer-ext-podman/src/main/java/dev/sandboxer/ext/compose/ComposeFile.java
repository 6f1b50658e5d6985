package dev.sandboxer.ext.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sandboxer.ext.podmancli.Endpoints;
import dev.sandboxer.ext.podmancli.PortGateway;
import dev.sandboxer.ext.podmancli.Roles;
import dev.sandboxer.spi.PortBinding;
import dev.sandboxer.spi.ProvisionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose file sand-boxer writes for one sandbox: the profile's services plus what the control plane
 * owns: labels on every service, network and volume; ports; the egress policy as the stack network;
 * limits; env; secrets by name only (their values never enter the file: see {@link StackCreation}); setup
 * files bound read-only; and the port gateway when needed.
 */
final class ComposeFile {
    static final String EDGE_NETWORK = "sandboxer-edge";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final ComposeSpec spec;
    private final ProvisionRequest request;
    private final Map<String, String> labels;

    ComposeFile(ComposeSpec spec, ProvisionRequest request, Map<String, String> labels) {
        this.spec = spec;
        this.request = request;
        this.labels = labels;
    }

    /** Denied egress is an internal network, which podman 4.3 gives no port forwarding: see PortGateway. */
    boolean usesGateway() {
        return request.network().denied() && !request.ports().isEmpty();
    }

    /** Which service each port belongs to: the one it names, else the main service. */
    String serviceOf(PortBinding port) {
        return port.service().filter(s -> !s.isBlank()).orElse(spec.main());
    }

    /**
     * @param setupFiles   host path to container path, for files bound read-only into every service
     * @param gatewayImage image for the port gateway
     */
    byte[] render(Map<String, String> setupFiles, String gatewayImage) {
        Map<String, Object> services = new LinkedHashMap<>();
        spec.services().forEach((name, definition) -> services.put(name, service(name, definition, setupFiles)));
        if (usesGateway()) {
            services.put(ComposeSpec.GATEWAY_SERVICE, gateway(gatewayImage));
        }
        Map<String, Object> networks = new LinkedHashMap<>();
        Map<String, Object> stack = new LinkedHashMap<>();
        if (request.network().denied()) {
            stack.put("internal", true);
        }
        stack.put("labels", labels);
        networks.put("default", stack);
        if (usesGateway()) {
            networks.put(EDGE_NETWORK, Map.of("labels", labels));
        }
        Map<String, Object> volumes = new LinkedHashMap<>();
        spec.volumes().forEach(v -> volumes.put(v, Map.of("labels", labels)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("services", services);
        document.put("networks", networks);
        if (!volumes.isEmpty()) {
            document.put("volumes", volumes);
        }
        try {
            return YAML.writeValueAsString(escape(document)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a compose document of maps and lists always serialises", e);
        }
    }

    private Map<String, Object> service(String name, Map<String, Object> definition,
                                        Map<String, String> setupFiles) {
        Map<String, Object> service = new LinkedHashMap<>(definition);
        Map<String, String> serviceLabels = new LinkedHashMap<>();
        if (definition.get("labels") instanceof Map<?, ?> own) {
            own.forEach((k, v) -> serviceLabels.put(k.toString(), v.toString()));
        }
        serviceLabels.putAll(labels);
        serviceLabels.put(Roles.LABEL, name.equals(spec.main()) ? Roles.WORKLOAD : Roles.SERVICE);
        service.put("labels", serviceLabels);
        Map<String, String> environment = environment(definition.get("environment"));
        environment.putAll(request.env());
        // A name with no value: podman-compose 1.0.3 emits "-e NAME" and podman copies the value from the
        // environment podman-compose runs in. A secret replaces the service's own entry of the same name.
        request.secrets().keySet().stream().sorted().forEach(secret -> {
            environment.remove(secret);
            environment.put(secret, null);
        });
        if (!environment.isEmpty()) {
            service.put("environment", environment);
        }
        if (request.resources().cpuMillis() > 0) {
            service.put("cpus", Double.parseDouble(request.resources().cpusDecimal()));
        }
        if (request.resources().memoryBytes() > 0) {
            service.put("mem_limit", request.resources().memoryBytes());
        }
        if (!usesGateway()) {
            List<String> ports = new ArrayList<>();
            for (PortBinding port : request.ports()) {
                if (serviceOf(port).equals(name)) {
                    ports.add(Endpoints.publish(port, port.containerPort()));
                }
            }
            if (!ports.isEmpty()) {
                service.put("ports", ports);
            }
        }
        if (!setupFiles.isEmpty()) {
            List<Object> mounts = new ArrayList<>(definition.get("volumes") instanceof List<?> own ? own : List.of());
            setupFiles.forEach((host, target) -> mounts.add(host + ":" + target + ":ro"));
            service.put("volumes", mounts);
        }
        return service;
    }

    private Map<String, Object> gateway(String image) {
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("image", image);
        List<PortGateway.Relay> relays = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (PortBinding port : request.ports()) {
            relays.add(new PortGateway.Relay(port.hostPort(), serviceOf(port), port.containerPort()));
            ports.add(Endpoints.publish(port, port.hostPort()));
        }
        gateway.put("command", PortGateway.command(relays));
        gateway.put("networks", List.of("default", EDGE_NETWORK));
        gateway.put("ports", ports);
        Map<String, String> gatewayLabels = new LinkedHashMap<>(labels);
        gatewayLabels.put(Roles.LABEL, Roles.PORT_GATEWAY);
        gateway.put("labels", gatewayLabels);
        gateway.put("cap_drop", List.of("ALL"));
        gateway.put("mem_limit", 64L << 20);
        return gateway;
    }

    /** Both compose forms of environment as a map of strings (podman-compose would print Python's True). */
    private static Map<String, String> environment(Object value) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> environment.put(k.toString(), v.toString()));
        } else if (value instanceof List<?> list) {
            for (Object entry : list) {
                String text = entry.toString();
                int eq = text.indexOf('=');
                environment.put(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        return environment;
    }

    /**
     * podman-compose substitutes {@code $NAME} in every value from its own process environment, which is the
     * control plane's. Doubling each {@code $} makes it hand every value through literally.
     */
    static Object escape(Object value) {
        if (value instanceof String text) {
            return text.replace("$", "$$");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> escaped = new LinkedHashMap<>();
            map.forEach((k, v) -> escaped.put(k, escape(v)));
            return escaped;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ComposeFile::escape).toList();
        }
        return value;
    }
}
