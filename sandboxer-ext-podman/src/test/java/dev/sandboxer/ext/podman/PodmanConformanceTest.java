package dev.sandboxer.ext.podman;

import dev.sandboxer.ext.podmancli.HostPodman;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.util.List;
import java.util.Map;

/** The podman extension against the conformance kit, on this machine's real podman. */
class PodmanConformanceTest extends ExtensionConformanceTest {

    @Override
    protected Extension createExtension(ExtensionContext context) {
        HostPodman.ensureImage();
        return new PodmanExtension(context);
    }

    @Override
    protected Map<String, Object> workloadSpec() {
        return Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace")));
    }

    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("image", "localhost/sandboxer/does-not-exist:latest");
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        HostPodman.removeSandbox(sandboxId);
    }
}
