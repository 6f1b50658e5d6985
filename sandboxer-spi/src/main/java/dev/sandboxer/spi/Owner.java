package dev.sandboxer.spi;

import java.util.Objects;

/** The control plane installation that owns backend resources; its id is stamped on every resource. */
public record Owner(String installationId) {
    public Owner {
        Objects.requireNonNull(installationId, "installationId");
    }
}
