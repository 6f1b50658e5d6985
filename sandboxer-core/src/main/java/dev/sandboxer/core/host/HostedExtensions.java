package dev.sandboxer.core.host;

import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.spi.Owner;
import java.time.Clock;
import java.util.Map;

/** Which local extensions also run on remote hosts, and under which ids. */
public final class HostedExtensions {
    /** Hosted id to the id of the extension it runs on each host. */
    public static final Map<String, String> IDS = Map.of("podman-ssh", "podman", "compose-ssh", "compose");

    private HostedExtensions() {
    }

    public static void register(ExtensionRegistry registry, Hosts hosts, HostConnector connector, Owner owner,
                                Clock clock) {
        IDS.forEach((hostedId, innerId) -> registry.provider(innerId).ifPresent(provider ->
                registry.register(new HostedExtension(hostedId, provider, hosts, connector, owner, clock))));
    }
}
