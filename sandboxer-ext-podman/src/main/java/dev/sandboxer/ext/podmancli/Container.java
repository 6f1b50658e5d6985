package dev.sandboxer.ext.podmancli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code podman ps -a --format json}.
 *
 * @param state podman's word: {@code created}, {@code running}, {@code paused}, {@code exited}, {@code stopped}...
 */
public record Container(String id, String name, String state, int exitCode, Map<String, String> labels) {

    public Container {
        labels = Map.copyOf(labels);
    }

    public boolean running() {
        return "running".equals(state);
    }

    public boolean paused() {
        return "paused".equals(state);
    }

    /** Not running and never will be again without a start: exited, stopped, dead or only created. */
    public boolean stopped() {
        return !running() && !paused();
    }

    public String label(String key) {
        return labels.getOrDefault(key, "");
    }

    /** How the state reads to a person, e.g. {@code exited with code 3}. */
    public String describe() {
        return switch (state) {
            case "exited", "stopped" -> "exited with code " + exitCode;
            case "created", "configured", "initialized" -> "created but not started";
            default -> state;
        };
    }

    static List<Container> parseList(JsonNode array) {
        List<Container> result = new ArrayList<>();
        for (JsonNode node : array) {
            JsonNode names = node.path("Names");
            String name = names.isArray() && !names.isEmpty() ? names.get(0).asText() : node.path("Id").asText();
            result.add(new Container(node.path("Id").asText(), name, node.path("State").asText(),
                    node.path("ExitCode").asInt(), PodmanJson.labels(node.path("Labels"))));
        }
        return result;
    }
}
