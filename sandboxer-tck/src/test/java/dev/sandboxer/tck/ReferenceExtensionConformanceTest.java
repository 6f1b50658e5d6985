package dev.sandboxer.tck;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.time.Duration;
import java.util.Map;

/** The reference extension passes its own kit: proof the kit is satisfiable and a model for authors. */
class ReferenceExtensionConformanceTest extends ExtensionConformanceTest {
    private ReferenceExtension reference;

    @Override
    protected Extension createExtension(ExtensionContext context) {
        reference = new ReferenceExtension(context.clock());
        return reference;
    }

    @Override
    protected Map<String, Object> workloadSpec() {
        return Map.of();
    }

    @Override
    protected Map<String, Object> failingSpec() {
        return Map.of("fail", "asked to");
    }

    @Override
    protected void removeBehindOurBack(String sandboxId) {
        reference.forget(sandboxId);
    }

    @Override
    protected Duration deadlineSlack() {
        return Duration.ofSeconds(5);
    }
}
