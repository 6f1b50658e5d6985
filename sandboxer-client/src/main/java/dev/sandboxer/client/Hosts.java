package dev.sandboxer.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.host.Enrolment;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The remote hosts sandboxes are placed on (docs/hosts.md), operators only. The server is the one that logs in
 * to hosts, so the key and known_hosts paths in an add are paths on the server's machine.
 */
public final class Hosts {
    private static final String PATH = "v1/hosts";
    private static final TypeReference<JsonNode> TREE = new TypeReference<>() { };

    /** One host as {@code GET /v1/hosts/{name}} answers it: the host now, and its last telemetry reads. */
    public record Inspection(dev.sandboxer.core.host.Hosts.View view, List<HostSample> history) {
    }

    private final Exchange exchange;

    Hosts(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Registers a host: the server pins its key (as vouched for), logs in and checks podman first. */
    public Host add(Enrolment.Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.name());
        body.put("address", request.address());
        body.put("port", request.port());
        body.put("user", request.user());
        body.put("keyFile", request.keyFile());
        request.knownHosts().ifPresent(k -> body.put("knownHosts", k));
        request.acceptFingerprint().ifPresent(f -> body.put("acceptFingerprint", f));
        body.put("workRoot", request.workRoot());
        body.put("cpu", request.cpu());
        body.put("memory", request.memory());
        body.put("maxSandboxes", request.maxSandboxes());
        body.put("labels", request.labels());
        return exchange.call("POST", PATH, Query.of(), body, new TypeReference<>() { });
    }

    /** Every host with what is held there and its latest read; {@code refresh} reads every host first. */
    public List<dev.sandboxer.core.host.Hosts.View> list(boolean refresh) {
        JsonNode answer = exchange.get(PATH, refresh ? Query.of().add("refresh", "true") : Query.of(), TREE);
        return java.util.stream.StreamSupport.stream(answer.spliterator(), false).map(this::view).toList();
    }

    /** One host, its telemetry read now by the server, with its last {@code history} reads. */
    public Inspection inspect(String name, int history) {
        JsonNode answer = exchange.get(path(name), Query.of().add("history", Integer.toString(history)), TREE);
        return new Inspection(view(answer), exchange.json().convertValue(answer.path("history"),
                new TypeReference<List<HostSample>>() { }));
    }

    /** No new sandboxes are placed there; those there stay. Idempotent. */
    public Host drain(String name) {
        return exchange.call("POST", path(name) + "/drain", Query.of(), null, new TypeReference<>() { });
    }

    /** New sandboxes may be placed there again. Idempotent. */
    public Host activate(String name) {
        return exchange.call("POST", path(name) + "/activate", Query.of(), null, new TypeReference<>() { });
    }

    /** Removes it from the registry; refused (409) while sandboxes live there. */
    public void remove(String name) {
        exchange.send("DELETE", path(name), Query.of(), null, Map.of(), Duration.ZERO);
    }

    private dev.sandboxer.core.host.Hosts.View view(JsonNode node) {
        JsonNode latest = node.get("latest");
        return new dev.sandboxer.core.host.Hosts.View(exchange.json().convertValue(node.path("host"), Host.class),
                exchange.json().convertValue(node.path("reserved"), Host.Capacity.class),
                exchange.json().convertValue(node.path("sandboxes"), new TypeReference<List<String>>() { }),
                latest == null || latest.isNull() ? Optional.empty()
                        : Optional.of(exchange.json().convertValue(latest, HostSample.class)));
    }

    private static String path(String name) {
        return PATH + "/" + Query.segment(name);
    }
}
