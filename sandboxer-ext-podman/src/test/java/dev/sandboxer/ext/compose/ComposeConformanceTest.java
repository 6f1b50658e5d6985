package dev.sandboxer.ext.compose;

import dev.sandboxer.ext.podmancli.HostPodman;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.tck.ExtensionConformanceTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compose extension against the conformance kit, on this machine's real podman-compose. */
class ComposeConformanceTest extends ExtensionConformanceTest {

    @Override
    protected Extension createExtension(ExtensionContext context) {
        HostPodman.ensureImage();
        return new ComposeExtension(context);
    }

    @Override
    protected Map<String, Object> workloadSpec() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("app", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600"),
                "volumes", List.of("data:/data"), "depends_on", List.of("cache")));
        services.put("cache", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "3600")));
        return Map.of("services", services, "volumes", Map.of("data", Map.of()));
    }

    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("services", Map.of("app", Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo boom; exit 3"))));
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        HostPodman.removeSandbox(sandboxId);
    }
}
