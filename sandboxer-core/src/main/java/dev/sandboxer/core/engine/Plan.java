package dev.sandboxer.core.engine;

import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.SetupFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A profile resolved with its inputs, in the terms the engine works in. Built by {@link Plans} from the
 * profile catalog's model, so the engine depends on one small shape rather than the whole profile schema.
 * Holds secret references only ({@code env:NAME}, {@code file:PATH}), never secret values.
 */
public record Plan(String profileId, int profileVersion, String profileDigest, Map<String, String> inputs,
            Optional<String> pinnedExtension, Set<Capability> requires, Duration ttlDefault, Duration ttlMax,
            Resources resources, NetworkPolicy network, List<Port> ports, boolean exec, Optional<Probe> readiness,
            Map<String, String> env, List<SetupFile> files, Map<String, String> secretRefs,
            Map<String, Map<String, Object>> backend, Map<String, String> labels) {

    /** A port to publish: where it listens inside, shown as {@code protocol}. */
    public record Port(String name, Optional<String> service, int containerPort, String protocol) {
    }

    /** How to tell the sandbox is ready. */
    public sealed interface Probe {
        Duration timeout();

        Duration interval();
    }

    public record HttpProbe(String port, String path, int status, Duration timeout, Duration interval) implements Probe {
    }

    public record CommandProbe(List<String> argv, Duration timeout, Duration interval) implements Probe {
    }
}
