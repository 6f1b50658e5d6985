package dev.sandboxer.spi;

import java.util.Map;

/**
 * A backend resource carrying our ownership labels.
 *
 * @param kind      {@code container}, {@code network}, {@code volume}, {@code directory}, ...
 * @param id        the backend's id or name for it
 * @param sandboxId the sandbox it belongs to, read from its label
 */
public record OwnedResource(String kind, String id, String sandboxId, Map<String, String> labels) {
    public OwnedResource {
        labels = Map.copyOf(labels);
    }
}
