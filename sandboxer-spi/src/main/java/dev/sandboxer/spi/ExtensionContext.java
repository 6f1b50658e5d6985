package dev.sandboxer.spi;

import dev.sandboxer.spi.transport.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine gives an extension when it is built.
 *
 * @param owner     this control plane installation; stamp it on everything via the request labels
 * @param transport where backend commands run (local now; SSH for remote hosts)
 * @param workDir   a private directory for the extension's working files (created by the engine)
 * @param config    the extension's section of the operator's configuration, flattened to strings
 * @param clock     the only source of time an extension should use
 */
public record ExtensionContext(Owner owner, Transport transport, Path workDir, Map<String, String> config,
                               Clock clock) {

    public ExtensionContext {
        config = Map.copyOf(config);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(config.get(key));
    }
}
