package dev.sandboxer.core.billing;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.PriceSheet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sheet in force for an extension: the one it declares, with the operator's overrides applied. An
 * overridden sheet gets its own version ({@code <declared>+op-<digest of the overrides>}), so every charge
 * says exactly which prices it was made under.
 */
public final class PriceSheets {
    /** Rate names as operators write them in billing.properties. */
    public static final java.util.List<String> RATES = java.util.List.of("vcpu-second", "gib-second",
            "sandbox-hour", "host-hour", "paused-vcpu-second", "paused-gib-second", "paused-sandbox-hour");

    private final Map<String, Long> overrides;

    public PriceSheets(Map<String, Long> overrides) {
        for (String key : overrides.keySet()) {
            int dot = key.indexOf('.');
            if (dot < 1 || !RATES.contains(key.substring(dot + 1))) {
                throw new IllegalArgumentException("price." + key + ": not a rate; use price.<extension>.<rate> "
                        + "with rate one of " + RATES);
            }
        }
        this.overrides = new TreeMap<>(overrides);
    }

    public PriceSheet inForce(Extension extension) {
        String id = extension.descriptor().id();
        PriceSheet declared = extension.priceSheet();
        Map<String, Long> mine = new TreeMap<>();
        overrides.forEach((key, micros) -> {
            if (key.startsWith(id + ".")) {
                mine.put(key.substring(id.length() + 1), micros);
            }
        });
        if (mine.isEmpty()) {
            return declared;
        }
        return new PriceSheet(declared.version() + "+op-" + digest(mine), declared.currency(),
                mine.getOrDefault("vcpu-second", declared.vcpuSecond()),
                mine.getOrDefault("gib-second", declared.gibSecond()),
                mine.getOrDefault("sandbox-hour", declared.sandboxHour()),
                mine.getOrDefault("host-hour", declared.hostHour()),
                mine.getOrDefault("paused-vcpu-second", declared.pausedVcpuSecond()),
                mine.getOrDefault("paused-gib-second", declared.pausedGibSecond()),
                mine.getOrDefault("paused-sandbox-hour", declared.pausedSandboxHour()));
    }

    private static String digest(Map<String, Long> rates) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(rates.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
