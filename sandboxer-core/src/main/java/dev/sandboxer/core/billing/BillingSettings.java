package dev.sandboxer.core.billing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The operator's money policy, from {@code $SANDBOXER_HOME/billing.properties} and the environment
 * (docs/billing.md lists every key).
 *
 * @param enforce          check budgets for every project, even one never granted credits; by default only a
 *                         project with a ledger account is checked, so a first run needs no configuration
 * @param overdraft        how far (minor units) a running sandbox may take its project below zero before it
 *                         is stopped; 0 = stop at zero
 * @param spendCaps        per-project cap on charged + reserved, in minor units
 * @param priceOverrides   {@code <extension>.<rate>} → micros, replacing the extension's declared rates
 * @param ownKeyFeePercent what a sandbox on a project's own provider key is charged, as a percentage of its
 *                         metered cost (the platform fee)
 * @param keys             key-encryption keys for provider keys, by id; {@code currentKey} seals new ones
 */
public record BillingSettings(boolean enforce, long overdraft, Map<String, Long> spendCaps,
                              Map<String, Long> priceOverrides, int ownKeyFeePercent, Map<String, byte[]> keys,
                              Optional<String> currentKey) {

    public BillingSettings {
        if (overdraft < 0) {
            throw new IllegalArgumentException("billing overdraft must not be negative");
        }
        if (ownKeyFeePercent < 0 || ownKeyFeePercent > 100) {
            throw new IllegalArgumentException("own-key.fee-percent must be 0..100");
        }
        spendCaps = Map.copyOf(spendCaps);
        priceOverrides = Map.copyOf(priceOverrides);
        keys = Map.copyOf(keys);
    }

    /** Nothing configured: budgets only for projects with credits, stop at zero, 10 % fee on own keys. */
    public static BillingSettings defaults() {
        return new BillingSettings(false, 0, Map.of(), Map.of(), 10, Map.of(), Optional.empty());
    }

    public BillingSettings withEnforce(boolean on) {
        return new BillingSettings(on, overdraft, spendCaps, priceOverrides, ownKeyFeePercent, keys, currentKey);
    }

    public BillingSettings withOverdraft(long minorUnits) {
        return new BillingSettings(enforce, minorUnits, spendCaps, priceOverrides, ownKeyFeePercent, keys,
                currentKey);
    }

    public BillingSettings withSpendCap(String project, long minorUnits) {
        Map<String, Long> caps = new LinkedHashMap<>(spendCaps);
        caps.put(project, minorUnits);
        return new BillingSettings(enforce, overdraft, caps, priceOverrides, ownKeyFeePercent, keys, currentKey);
    }

    public BillingSettings withPrice(String extension, String rate, long micros) {
        Map<String, Long> prices = new LinkedHashMap<>(priceOverrides);
        prices.put(extension + "." + rate, micros);
        return new BillingSettings(enforce, overdraft, spendCaps, prices, ownKeyFeePercent, keys, currentKey);
    }

    /** Adds a key-encryption key and makes it the one that seals new provider keys (rotation). */
    public BillingSettings withKey(String id, byte[] key) {
        requireKeyId(id);
        Map<String, byte[]> all = new LinkedHashMap<>(keys);
        all.put(id, key.clone());
        return new BillingSettings(enforce, overdraft, spendCaps, priceOverrides, ownKeyFeePercent, all,
                Optional.of(id));
    }

    /**
     * Reads {@code billing.properties} (absent = defaults) and the key-encryption keys from the environment:
     * {@code SANDBOXER_KEY_ENCRYPTION_KEY} (base64 of 32 bytes) with id {@code SANDBOXER_KEY_ENCRYPTION_KEY_ID}
     * (default {@code k1}), and retired ones still able to open old keys in
     * {@code SANDBOXER_KEY_ENCRYPTION_KEYS_OLD} ({@code id:base64,id:base64}).
     */
    public static BillingSettings load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Map<String, Long> caps = new TreeMap<>();
        Map<String, Long> prices = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("spend-cap.")) {
                caps.put(name.substring("spend-cap.".length()), number(file, p, name));
            } else if (name.startsWith("price.")) {
                prices.put(name.substring("price.".length()), number(file, p, name));
            }
        }
        BillingSettings settings = new BillingSettings(Boolean.parseBoolean(p.getProperty("enforce", "false").trim()),
                p.containsKey("overdraft") ? number(file, p, "overdraft") : 0, caps, prices,
                p.containsKey("own-key.fee-percent") ? (int) number(file, p, "own-key.fee-percent") : 10, Map.of(),
                Optional.empty());
        String old = env.getOrDefault("SANDBOXER_KEY_ENCRYPTION_KEYS_OLD", "");
        for (String pair : old.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                settings = settings.withKey(pair.substring(0, colon).trim(), key(pair.substring(colon + 1).trim()));
            }
        }
        String current = env.get("SANDBOXER_KEY_ENCRYPTION_KEY");
        if (current != null && !current.isBlank()) {
            settings = settings.withKey(env.getOrDefault("SANDBOXER_KEY_ENCRYPTION_KEY_ID", "k1"), key(current.trim()));
        } else {
            settings = new BillingSettings(settings.enforce, settings.overdraft, settings.spendCaps,
                    settings.priceOverrides, settings.ownKeyFeePercent, settings.keys, Optional.empty());
        }
        return settings;
    }

    private static long number(Path file, Properties p, String name) {
        String value = p.getProperty(name).trim().replace("_", "");
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + name + " must be a whole number >= 0, not '" + value
                    + "'");
        }
    }

    /**
     * A key id is recorded with every key it seals (provider_keys.kek_id, varchar(64)): SQLite would keep a
     * longer one, PostgreSQL would refuse the first key sealed with it, so both refuse it here, at start.
     */
    private static void requireKeyId(String id) {
        if (id == null || id.isBlank() || id.length() > 64 || id.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a key-encryption key id must be 1 to 64 printable characters (this "
                    + "one has " + (id == null ? 0 : id.length()) + ")");
        }
    }

    /** Never echoes the value: it is a secret. */
    private static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key-encryption key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("a key-encryption key must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
