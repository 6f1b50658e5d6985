package dev.sandboxer.cli;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.spi.Endpoint;
import java.io.PrintWriter;

/**
 * What create and recreate print: the id alone on the first line (so {@code id=$(sandboxer create ... | head -1)}
 * works), then its expiry and how to reach it.
 */
final class SandboxSummary {
    private SandboxSummary() {
    }

    static void print(Sandbox sandbox, RelativeTime relative, PrintWriter out) {
        out.println(sandbox.id());
        out.println("  state    " + sandbox.state().id());
        out.println("  expires  " + relative.of(sandbox.expiresAt()) + " (" + sandbox.expiresAt() + ")");
        if (sandbox.endpoints().isEmpty()) {
            return;
        }
        Table endpoints = new Table("  ENDPOINT", "KIND", "ADDRESS");
        for (Endpoint e : sandbox.endpoints()) {
            endpoints.row("  " + e.name(), e.kind(), e.address());
        }
        endpoints.print(out);
    }
}
