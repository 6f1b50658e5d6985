package dev.sandboxer.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a server offers and whether it works: its profiles, extensions, host checks and version, and the
 * unauthenticated health routes an orchestrator probes.
 */
public final class ServerCatalog {
    private final Exchange exchange;

    ServerCatalog(Exchange exchange) {
        this.exchange = exchange;
    }

    /** The profiles it can create from, the latest version of each. */
    public List<ProfileSummary> profiles() {
        return profiles(false);
    }

    /** The profiles it can create from; every version of each with {@code allVersions}. */
    public List<ProfileSummary> profiles(boolean allVersions) {
        Query query = allVersions ? Query.of().add("allVersions", "true") : Query.of();
        return exchange.get("v1/profiles", query, new TypeReference<>() { });
    }

    /** One profile as the server read it ({@code id} or {@code id@version}). */
    public JsonNode profile(String ref) {
        return exchange.get("v1/profiles/" + Query.segment(ref), Query.of(), new TypeReference<>() { });
    }

    /** Checks a profile's YAML text; each problem reads {@code file:line:col: field: message}. */
    public List<String> validateProfile(String yaml) {
        JsonNode answer = exchange.read(exchange.send("POST", "v1/profiles/validate", Query.of(), yaml,
                Map.of("Content-Type", "application/yaml"), java.time.Duration.ZERO), new TypeReference<>() { });
        return exchange.json().convertValue(answer.path("problems"), new TypeReference<List<String>>() { });
    }

    public List<ExtensionInfo> extensions() {
        return exchange.get("v1/extensions", Query.of(), new TypeReference<>() { });
    }

    /** The server's checks of its host (operators only). */
    public List<HostCheck> doctor() {
        JsonNode answer = exchange.get("v1/doctor", Query.of(), new TypeReference<>() { });
        return exchange.json().convertValue(answer.path("checks"), new TypeReference<List<HostCheck>>() { });
    }

    public String version() {
        return exchange.get("v1/version", Query.of(), new TypeReference<JsonNode>() { }).path("version").asText();
    }

    /** {@code /healthz}: the process answers. */
    public boolean live() {
        return answers("healthz");
    }

    /** {@code /readyz}: the process answers and its store is reachable. */
    public boolean ready() {
        return answers("readyz");
    }

    private boolean answers(String path) {
        try {
            exchange.send("GET", path, Query.of(), null, Map.of(), java.time.Duration.ZERO);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
