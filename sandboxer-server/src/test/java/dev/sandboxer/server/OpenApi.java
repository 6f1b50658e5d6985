package dev.sandboxer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** openapi.yaml as the tests read it: its operations, and the schema each documented answer has. */
final class OpenApi {
    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    final JsonNode document;
    final SchemaCheck check;

    private OpenApi(JsonNode document) {
        this.document = document;
        this.check = new SchemaCheck(document);
    }

    static OpenApi load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.yaml")) {
            return new OpenApi(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /v1/sandboxes/{id}} for every operation documented. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<String> paths = document.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> keys = document.get("paths").get(path).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (METHODS.contains(key)) {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    JsonNode operation(String method, String path) {
        JsonNode op = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError(method + " " + path + " is not documented");
        }
        return op;
    }

    /** Whether the operation needs no token ({@code security: []}). */
    boolean isPublic(String method, String path) {
        JsonNode security = operation(method, path).get("security");
        return security != null && security.isArray() && security.isEmpty();
    }

    /** The schema of the documented answer with this status and media type. */
    JsonNode responseSchema(String method, String path, int status, String mediaType) {
        JsonNode response = operation(method, path).path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(method + " " + path + " does not document status " + status);
        }
        JsonNode schema = check.resolve(response).path("content").path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError(method + " " + path + " " + status + " documents no " + mediaType + " body");
        }
        return schema;
    }
}
