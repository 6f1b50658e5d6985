package dev.sandboxer.core.outbox;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A webhook that receives every event as a CloudEvents 1.0 JSON POST.
 *
 * @param name   stable id: the outbox keeps its delivery cursor under it
 * @param url    where events are POSTed
 * @param secret the HMAC key for the signature header; never logged, never stored
 */
public record Sink(String name, URI url, byte[] secret) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public Sink {
        Objects.requireNonNull(url, "url");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sink name '" + name + "' must match " + NAME.pattern());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("sink " + name + ": url must be http(s), got " + url);
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("sink " + name + ": the signing secret must be at least 16 bytes");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "Sink[" + name + " " + url + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sink s && s.name.equals(name) && s.url.equals(url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url);
    }
}
