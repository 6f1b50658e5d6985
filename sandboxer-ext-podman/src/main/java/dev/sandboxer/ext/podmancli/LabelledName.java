package dev.sandboxer.ext.podmancli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A volume or network: podman knows both by name and both carry labels. */
public record LabelledName(String name, Map<String, String> labels) {

    public LabelledName {
        labels = Map.copyOf(labels);
    }

    /** Volumes print {@code Name}/{@code Labels}, networks {@code name}/{@code labels}; accept either. */
    static List<LabelledName> parseList(JsonNode array) {
        List<LabelledName> result = new ArrayList<>();
        for (JsonNode node : array) {
            JsonNode name = node.has("Name") ? node.get("Name") : node.path("name");
            JsonNode labels = node.has("Labels") ? node.get("Labels") : node.path("labels");
            result.add(new LabelledName(name.asText(), PodmanJson.labels(labels)));
        }
        return result;
    }
}
