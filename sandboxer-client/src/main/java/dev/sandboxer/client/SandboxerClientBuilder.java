package dev.sandboxer.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** Where the server is, who is asking, and how long to wait. */
public final class SandboxerClientBuilder {
    private URI baseUrl;
    private Optional<String> token = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int maxReconnects = 10;

    SandboxerClientBuilder() {
    }

    /** e.g. {@code http://127.0.0.1:7780}; a path prefix is kept ({@code https://host/sandboxer/}). */
    public SandboxerClientBuilder baseUrl(String url) {
        String text = Objects.requireNonNull(url, "baseUrl").strip();
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text : text + "/");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("server URL '" + url + "' must be http://HOST:PORT or https://...");
        }
        this.baseUrl = uri;
        return this;
    }

    /** The bearer token ({@code sbx_...}); without one only the health routes answer. */
    public SandboxerClientBuilder token(String secret) {
        this.token = Optional.ofNullable(secret).map(String::strip).filter(s -> !s.isEmpty());
        return this;
    }

    public SandboxerClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * How long a request may take. Requests that wait on purpose get their waiting time on top: a create that
     * waits for ready, an exec with its own timeout. Followed event streams have none.
     */
    public SandboxerClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /** How many failed reconnects in a row a followed event stream survives (default 10). */
    public SandboxerClientBuilder maxReconnects(int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("maxReconnects must be 0 or more");
        }
        this.maxReconnects = attempts;
        return this;
    }

    public SandboxerClient build() {
        if (baseUrl == null) {
            throw new IllegalStateException("baseUrl is required, e.g. http://127.0.0.1:7780");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new SandboxerClient(new Exchange(http, baseUrl, token, requestTimeout, ClientJson.mapper(),
                "sandboxer-client/" + version()), maxReconnects);
    }

    private static Duration positive(Duration timeout, String name) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return timeout;
    }

    private static String version() {
        try (InputStream in = SandboxerClientBuilder.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
