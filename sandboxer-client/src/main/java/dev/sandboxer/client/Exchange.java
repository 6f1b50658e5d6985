package dev.sandboxer.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP round trip to the server: the token on every request, JSON both ways, and every error answer
 * turned into the exception it stands for ({@link Problem}).
 */
final class Exchange {
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    private final HttpClient http;
    private final URI base;
    private final Optional<String> token;
    private final Duration timeout;
    private final ObjectMapper json;
    private final String userAgent;

    Exchange(HttpClient http, URI base, Optional<String> token, Duration timeout, ObjectMapper json, String userAgent) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.json = json;
        this.userAgent = userAgent;
    }

    ObjectMapper json() {
        return json;
    }

    URI base() {
        return base;
    }

    void close() {
        http.close();
    }

    /** What came back: the status (201 and 202 mean different things on create) and the body. */
    record Answer(int status, String body) {
    }

    <T> T get(String path, Query query, TypeReference<T> type) {
        return read(send("GET", path, query, null, Map.of(), Duration.ZERO), type);
    }

    <T> T call(String method, String path, Query query, Object body, TypeReference<T> type) {
        return read(send(method, path, query, body, Map.of(), Duration.ZERO), type);
    }

    /**
     * Sends a request; {@code extraTime} lengthens the timeout for requests that wait on purpose (create with
     * wait, exec). A body that is a {@link String} goes as it is (YAML); anything else as JSON.
     */
    Answer send(String method, String path, Query query, Object body, Map<String, String> headers,
                Duration extraTime) {
        HttpRequest.Builder request = request(path, query).timeout(timeout.plus(extraTime));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof String text) {
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        } else {
            request.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        Answer answer = new Answer(response.statusCode(), response.body());
        if (answer.status() >= 400) {
            throw problem(answer);
        }
        return answer;
    }

    /** Opens a streaming response (Server-Sent Events); error answers throw as any other request's do. */
    InputStream stream(String path, Query query, Map<String, String> headers) {
        // No timeout: a quiet stream is not a dead one. The connect timeout still applies.
        HttpRequest.Builder request = request(path, query).setHeader("Accept", EVENT_STREAM);
        headers.forEach(request::header);
        HttpResponse<InputStream> response = exchange(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            try (InputStream body = response.body()) {
                throw problem(new Answer(response.statusCode(), new String(body.readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ClientException.UnexpectedAnswer(response.statusCode(), "HTTP " + response.statusCode()
                        + " and the body could not be read: " + e.getMessage());
            }
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(EVENT_STREAM)) {
            closeQuietly(response.body());
            throw new ClientException.UnexpectedAnswer(response.statusCode(), "asked for an event stream, got '"
                    + type + "'");
        }
        return response.body();
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the answer is already known to be useless
        }
    }

    <T> T read(Answer answer, TypeReference<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new ClientException.UnexpectedAnswer(answer.status(), "the server's answer is not the expected "
                    + "JSON: " + e.getOriginalMessage());
        }
    }

    private HttpRequest.Builder request(String path, Query query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + query.text()))
                .header("Accept", JSON).header("User-Agent", userAgent);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new ClientException.Unreachable(request.method() + " " + request.uri().getPath()
                    + " got no answer within " + request.timeout().map(Duration::toString).orElse("the timeout"),
                    "the server may be overloaded; raise the client's timeout or retry", e);
        } catch (ConnectException e) {
            throw new ClientException.Unreachable("cannot connect to the sand-boxer server at " + base,
                    "is 'sandboxer serve' running there? check the URL (--server or SANDBOXER_SERVER)", e);
        } catch (IOException e) {
            throw new ClientException.Unreachable("talking to the sand-boxer server at " + base + " failed: "
                    + e.getMessage(), "check the URL and the network, then retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException.Unreachable("interrupted while waiting for the server", "", e);
        }
    }

    private RuntimeException problem(Answer answer) {
        JsonNode body;
        try {
            body = json.readTree(answer.body() == null || answer.body().isBlank() ? "{}" : answer.body());
        } catch (JsonProcessingException e) {
            return new ClientException.UnexpectedAnswer(answer.status(), "HTTP " + answer.status() + " without a "
                    + "problem document: " + abbreviate(answer.body()));
        }
        return Problem.read(answer.status(), body.isObject() ? body : json.createObjectNode()).toException();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String abbreviate(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
