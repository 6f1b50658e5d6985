package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionContext;
import java.time.Duration;
import java.util.Set;

/**
 * Operator settings shared by the podman and compose extensions (the extension's configuration section).
 *
 * @param program       the podman binary ({@code podman})
 * @param pull          podman's {@code --pull} policy. Default {@code never}: a create must not hang on a
 *                      registry (none is reachable on our hosts); images are built beforehand
 *                      ({@code scripts/build-images.sh}). Set {@code missing} where registries work.
 * @param startupGrace  how long a fresh workload must stay up to count as started (catches {@code exit 3})
 * @param gatewayImage  image with busybox {@code sh} and {@code nc}, for the port gateway of denied sandboxes
 */
public record PodmanSettings(String program, String pull, Duration startupGrace, String gatewayImage) {
    private static final Set<String> PULL_POLICIES = Set.of("never", "missing", "always", "newer");

    public static PodmanSettings from(ExtensionContext context) {
        String pull = context.setting("pull").orElse("never");
        if (!PULL_POLICIES.contains(pull)) {
            throw new IllegalArgumentException("pull must be one of " + PULL_POLICIES + ", not " + pull);
        }
        long graceMillis = Long.parseLong(context.setting("startup-grace-ms").orElse("1000"));
        return new PodmanSettings(context.setting("podman").orElse("podman"), pull,
                Duration.ofMillis(graceMillis), context.setting("port-gateway-image").orElse(PortGateway.DEFAULT_IMAGE));
    }
}
