package dev.sandboxer.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every backend resource carries. Orphans are found by these labels, never by name.
 */
public final class OwnershipLabels {
    public static final String PREFIX = "dev.sandboxer.";
    public static final String SANDBOX = PREFIX + "sandbox";
    public static final String INSTALLATION = PREFIX + "installation";
    public static final String EXPIRES_AT = PREFIX + "expires-at";

    private OwnershipLabels() {
    }

    public static Map<String, String> of(String sandboxId, Owner owner, Instant expiresAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SANDBOX, sandboxId);
        labels.put(INSTALLATION, owner.installationId());
        labels.put(EXPIRES_AT, expiresAt.toString());
        return Map.copyOf(labels);
    }
}
