package dev.sandboxer.core.routing;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the extension for a profile. A pinned extension is used if it can do what the profile requires;
 * otherwise the candidates are the extensions the profile has a backend section for, and the first one
 * (by id) that supports every required capability and is healthy wins. Every rejection is part of the reason.
 */
public final class Router {
    /** A healthy answer is trusted this long: asking podman costs ~0.4 s, too much for every create. */
    private static final long HEALTHY_FOR_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final ExtensionRegistry registry;
    private final java.util.Map<String, Long> healthyUntil = new java.util.concurrent.ConcurrentHashMap<>();

    public Router(ExtensionRegistry registry) {
        this.registry = registry;
    }

    /** Unhealthy answers are never cached, so a fixed backend is noticed on the next create. */
    private Health health(Extension extension) {
        String id = extension.descriptor().id();
        Long until = healthyUntil.get(id);
        if (until != null && System.nanoTime() - until < 0) {
            return Health.ok("healthy (checked within the last 30 s)");
        }
        Health health = extension.health();
        if (health.available()) {
            healthyUntil.put(id, System.nanoTime() + HEALTHY_FOR_NANOS);
        } else {
            healthyUntil.remove(id);
        }
        return health;
    }

    /**
     * @param profileId  for messages
     * @param pinned     the profile's {@code extension}, if any
     * @param requires   capabilities the profile needs
     * @param backendIds extensions the profile has a backend section for
     */
    public RoutingDecision route(String profileId, Optional<String> pinned, Set<Capability> requires,
                                 Set<String> backendIds) {
        List<String> rejected = new ArrayList<>();
        List<String> candidates = pinned.map(List::of).orElseGet(() -> List.copyOf(new TreeSet<>(backendIds)));
        if (candidates.isEmpty()) {
            throw new SandboxerException.Invalid("no-backend", "profile " + profileId
                    + " names no extension and has no backend section",
                    "add 'extension: ID' and a 'backend: {ID: ...}' section; see 'sandboxer extensions list'");
        }
        for (String id : candidates) {
            Optional<Extension> found = registry.find(id);
            if (found.isEmpty()) {
                rejected.add(id + ": not installed");
                continue;
            }
            Extension extension = found.get();
            Set<Capability> missing = new TreeSet<>(requires);
            missing.removeAll(extension.descriptor().capabilities());
            if (!missing.isEmpty()) {
                rejected.add(id + ": lacks " + missing.stream().map(Capability::id).toList());
                continue;
            }
            Health health = health(extension);
            if (!health.available()) {
                if (pinned.isPresent() || candidates.size() == 1) {
                    throw new SandboxerException.Unavailable("extension " + id + " cannot be used: " + health.detail(),
                            health.hint());
                }
                rejected.add(id + ": unavailable (" + health.detail() + ")");
                continue;
            }
            String why = pinned.isPresent() ? "pinned by profile " + profileId
                    : "first of " + candidates + " with a backend section in profile " + profileId
                    + " supporting " + requires.stream().map(Capability::id).sorted().toList();
            if (!rejected.isEmpty()) {
                why += "; rejected " + rejected;
            }
            return new RoutingDecision(extension, why);
        }
        throw new SandboxerException.Invalid("no-extension", "no extension can run profile " + profileId + ": "
                + String.join("; ", rejected), "see 'sandboxer extensions list' and 'sandboxer doctor'");
    }
}
