package dev.sandboxer.cli;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.Endpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

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
        out.println("  expires  " + (sandbox.state() == SandboxState.DESTROYED ? "-"
                : relative.of(sandbox.expiresAt()) + " (" + sandbox.expiresAt() + ")"));
        Optional<String> unreachable = unreachable(sandbox.state());
        if (unreachable.isPresent()) {
            // An idempotent replay may return a sandbox that has since gone: its old addresses lead nowhere.
            out.println("  reach    " + unreachable.get());
            return;
        }
        if (sandbox.endpoints().isEmpty()) {
            return;
        }
        Table endpoints = new Table("  ENDPOINT", "KIND", "ADDRESS");
        for (Endpoint e : sandbox.endpoints()) {
            endpoints.row("  " + e.name(), e.kind(), e.address());
        }
        endpoints.print(out);
    }

    /**
     * Why a sandbox in this state cannot be reached, or empty when it can (ready, or paused and able to be
     * again). Endpoints of a sandbox in any other state are not shown as if they answered.
     */
    static Optional<String> unreachable(SandboxState state) {
        return List.of(SandboxState.READY, SandboxState.PAUSED).contains(state) ? Optional.empty()
                : Optional.of("none: the sandbox is " + state.id());
    }
}
