package dev.sandboxer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the tests: one method per shape of request, answers as {@link Reply}. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI base) {
        this.base = base;
    }

    /** One answer: status, headers and body, with the body as JSON when it is JSON. */
    record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.getOrDefault("content-type", java.util.List.of("")).getFirst();
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of("")).getFirst();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }

    Reply post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    Reply post(String path, String token, Object body, Map<String, String> headers) {
        try {
            byte[] bytes = body == null ? new byte[0] : body instanceof String text ? text.getBytes()
                    : JSON.writeValueAsBytes(body);
            return send("POST", path, token, body == null ? null : "application/json", bytes, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(String method, String path, String token, String contentType, byte[] body,
               Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                // A server may refuse a large body from its headers and close the connection while the client is
                // still sending; asking first (as well-behaved clients of large uploads do) makes that answer
                // arrive instead of a reset.
                .expectContinue(body != null && body.length > Bodies.LIMIT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }
}
