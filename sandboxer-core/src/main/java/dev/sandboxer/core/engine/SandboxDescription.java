package dev.sandboxer.core.engine;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.Money;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.Endpoint;
import dev.sandboxer.spi.ExtensionDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven questions every sandbox answers (DESIGN §1), in one value: what {@code describe} prints.
 */
public record SandboxDescription(
        String id, String state, String project, String consumer, Instant createdAt, Instant expiresAt,
        Instant maxExpiresAt, Optional<String> failure,
        Recipe recipe, Backend backend, Placement placement, Isolation isolation, List<Endpoint> reach,
        History history, Cost cost) {

    /** 1. Which recipe. */
    public record Recipe(String profile, int version, String digest, Map<String, String> inputs,
                         Map<String, String> labels) {
    }

    /** 2. Which backend, and why. */
    public record Backend(String extension, String version, String kind, String reason) {
    }

    /** 3. Where it runs. */
    public record Placement(String location, Optional<Instant> backendDeadline) {
    }

    /** 4. How isolation is enforced. */
    public record Isolation(String egress, List<String> allow, long cpuMillis, long memoryBytes,
                            Map<String, String> applied, String access) {
    }

    /** 6. What happened. */
    public record History(List<Operation> operations, List<SandboxEvent> events) {
    }

    /**
     * 7. What it cost: usage so far, the price sheet in force, the cost so far (minor units) and how much of it
     * the ledger has been charged; the rest is charged at the next checkpoint or at destroy.
     */
    public record Cost(long liveSeconds, double vcpuSeconds, double gibSeconds, String priceSheet, String charged,
                       Map<String, Long> secondsByState, long amountSoFar, long chargedMinor, long reservedMinor,
                       String currency, boolean ownKey) {
    }

    static SandboxDescription of(Sandbox s, List<Operation> ops, List<SandboxEvent> events,
                                 Optional<ExtensionDescriptor> extension, Instant now, Optional<Billing.Cost> cost) {
        long live = liveSeconds(s, events, now);
        double vcpu = live * s.resources().cpuMillis() / 1000.0;
        double gib = live * (s.resources().memoryBytes() / (1024.0 * 1024 * 1024));
        return new SandboxDescription(s.id(), s.state().id(), s.project(), s.consumer().toString(), s.createdAt(),
                s.expiresAt(), s.maxExpiresAt(), s.failure(),
                new Recipe(s.profile().id(), s.profile().version(), s.profile().digest(), s.profile().inputs(),
                        s.labels()),
                new Backend(s.routing().extensionId(), s.routing().extensionVersion(),
                        extension.map(d -> d.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse("unknown"),
                        s.routing().reason()),
                new Placement(s.location().orElse("(not placed yet)"), s.backendDeadline()),
                new Isolation(s.resources().egress(), s.resources().allow(), s.resources().cpuMillis(),
                        s.resources().memoryBytes(), s.isolation(),
                        "project " + s.project() + " consumers and operators (adm); created by " + s.consumer()),
                s.endpoints(), new History(ops, events),
                cost.map(c -> new Cost(live, round(vcpu), round(gib), c.sheetVersion(),
                        Money.format(c.charged(), c.currency()) + " of " + Money.format(c.amountSoFar(), c.currency())
                                + " so far" + (c.ownKey() ? " (own provider key: platform fee only)" : ""),
                        c.usage().secondsByState(), c.amountSoFar(), c.charged(), c.reserved(), c.currency(),
                        c.ownKey()))
                        .orElseGet(() -> new Cost(live, round(vcpu), round(gib), "none (created before metering)",
                                "0", Map.of(), 0, 0, 0, "USD", false)));
    }

    /** Seconds the sandbox has held backend resources: from provisioning until destroyed/failed, or now. */
    private static long liveSeconds(Sandbox s, List<SandboxEvent> events, Instant now) {
        Optional<Instant> start = events.stream().filter(e -> e.type().endsWith(".provisioning"))
                .map(SandboxEvent::time).findFirst();
        if (start.isEmpty()) {
            return 0;
        }
        Instant end = s.state().isLive() ? now : s.updatedAt();
        if (s.state() == SandboxState.FAILED || s.state() == SandboxState.DESTROYED) {
            end = s.updatedAt();
        }
        return Math.max(0, Duration.between(start.get(), end).getSeconds());
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
