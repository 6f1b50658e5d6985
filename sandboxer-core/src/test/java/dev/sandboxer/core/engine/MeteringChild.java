package dev.sandboxer.core.engine;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A control plane in a child JVM for {@link LedgerSurvivesSigkillTest}: creates sandboxes, then checkpoints
 * their cost as fast as it can, printing a line after each, until it is killed. Its one argument is the
 * store's JDBC URL (SQLite or PostgreSQL).
 */
public final class MeteringChild {
    private MeteringChild() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        JdbcStore store = JdbcStore.open(args[0], clock);
        Billing billing = new Billing(store, LedgerSurvivesSigkillTest.SETTINGS, clock);
        Plan basic = EngineFixture.plan("basic", Map.of(), List.of(), Optional.empty());
        SandboxEngine engine = new SandboxEngine(store, ExtensionRegistry.of(List.of(new ReferenceExtension(clock))),
                (profile, inputs) -> basic, ref -> new Secret("unused"), clock, billing);
        for (int i = 0; i < 3; i++) {
            engine.create(new CreateRequest("basic", Map.of(), "p1", EngineFixture.ALICE,
                    Optional.of(Duration.ofMinutes(30)), Map.of(), Optional.empty()), Progress.NONE);
        }
        System.out.println("created");
        for (long n = 1; ; n++) {
            engine.checkpointCosts(EngineFixture.ALICE);
            System.out.println("checkpoint " + n);
        }
    }
}
