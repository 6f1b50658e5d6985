package dev.sandboxer.ext.podmancli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxer.spi.ExtensionException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading what podman prints with {@code --format json}. */
final class PodmanJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private PodmanJson() {
    }

    /** podman prints {@code null} or nothing at all for "no rows", depending on the command. */
    static JsonNode array(String json, String what) {
        if (json.isBlank()) {
            return MAPPER.createArrayNode();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isNull()) {
                return MAPPER.createArrayNode();
            }
            if (!node.isArray()) {
                throw new ExtensionException.BackendFailure(what + " did not print a JSON array", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ExtensionException.BackendFailure(what + " printed JSON that cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return labels;
    }
}
