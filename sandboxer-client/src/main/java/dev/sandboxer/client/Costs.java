package dev.sandboxer.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.ProviderKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What sandboxes cost (docs/billing.md): estimates, a project's credits, statement and billing export, and
 * its provider keys. Amounts are integer minor units.
 */
public final class Costs {
    private final Exchange exchange;

    Costs(Exchange exchange) {
        this.exchange = exchange;
    }

    /** What a create would cost; nothing is recorded. */
    public Billing.Estimate estimate(String profile, Map<String, String> inputs, Optional<Duration> ttl,
                                     String project) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", profile);
        body.put("inputs", inputs);
        ttl.ifPresent(t -> body.put("ttl", DurationText.format(t)));
        body.put("project", project);
        return exchange.call("POST", "v1/estimates", Query.of(), body, new TypeReference<>() { });
    }

    public Ledger.Balance balance(String project) {
        return exchange.get(project(project) + "/credits", Query.of(), new TypeReference<>() { });
    }

    /** Operators only: {@code grant} (positive) or {@code adjustment} (signed). */
    public Ledger.Balance credit(String project, String kind, long amount, String memo) {
        return exchange.call("POST", project(project) + "/credits", Query.of(), Map.of("kind", kind, "amount", amount,
                "memo", memo), new TypeReference<>() { });
    }

    /** Operators only: gives back up to what a sandbox was charged. */
    public Ledger.Balance refund(String project, String sandboxId, long amount, String memo) {
        return exchange.call("POST", project(project) + "/credits", Query.of(), Map.of("kind", "refund", "amount",
                amount, "memo", memo, "sandbox", sandboxId), new TypeReference<>() { });
    }

    public Ledger.Statement statement(String project, Instant from, Instant to) {
        return exchange.get(project(project) + "/statement", period(from, to), new TypeReference<>() { });
    }

    public BillingExport.Report export(String project, Instant from, Instant to) {
        return exchange.get(project(project) + "/billing-export", period(from, to), new TypeReference<>() { });
    }

    public List<ProviderKeys.KeyInfo> providerKeys(String project) {
        return exchange.get(project(project) + "/provider-keys", Query.of(), new TypeReference<>() { });
    }

    /** Registers the project's own key for an extension; the key is sent once and never comes back. */
    public ProviderKeys.KeyInfo putProviderKey(String project, String extension, String key) {
        return exchange.call("PUT", project(project) + "/provider-keys/" + Query.segment(extension), Query.of(),
                Map.of("key", key), new TypeReference<>() { });
    }

    public void removeProviderKey(String project, String extension) {
        exchange.send("DELETE", project(project) + "/provider-keys/" + Query.segment(extension), Query.of(), null,
                Map.of(), Duration.ZERO);
    }

    /** Operators only: re-seals every key under the server's current key-encryption key. */
    public int rotateProviderKeys() {
        return exchange.call("POST", "v1/provider-keys/rotate", Query.of(), null,
                new TypeReference<Map<String, Integer>>() { }).get("resealed");
    }

    private static String project(String project) {
        return "v1/projects/" + Query.segment(project);
    }

    private static Query period(Instant from, Instant to) {
        return Query.of().add("from", from.toString()).add("to", to.toString());
    }
}
