package dev.sandboxer.bench;

import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CatalogPlans;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.PlanSource;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.ext.compose.ComposeExtension;
import dev.sandboxer.ext.podman.PodmanExtension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A warm engine over the real podman and compose extensions, put together the way {@code ControlPlane.open}
 * does it (SQLite store in the home, the extensions with a local transport and their work dirs, the profile
 * catalog, secrets from the environment), with pass-through timers around the store, the extensions, the
 * transport and the plan source. The timers cost two {@code nanoTime} calls each: nothing next to a podman
 * command.
 */
final class PodmanEngine implements AutoCloseable {
    static final Consumer BENCH = Consumer.parse("adm:bench");

    final StepTimes steps = new StepTimes();
    final TimedTransport transport = new TimedTransport(new LocalTransport(), steps);
    final SandboxerHome home;
    final SandboxEngine engine;
    final String installationId;
    private final JdbcStore store;

    /** @param podmanConfig the extensions' settings, e.g. {@code startup-grace-ms} */
    PodmanEngine(Path root, Map<String, String> podmanConfig, RunSettings settings) {
        home = new SandboxerHome(root);
        BenchProfiles.writeAll(home.profiles());
        Clock clock = Clock.systemUTC();
        store = JdbcStore.sqlite(home.database(), clock);
        installationId = store.installationId();
        settings.recordInstallation(installationId);
        Owner owner = new Owner(installationId);
        var podman = new TimedExtension(new PodmanExtension(context(owner, "podman", podmanConfig, clock)), steps);
        var compose = new TimedExtension(new ComposeExtension(context(owner, "compose", podmanConfig, clock)), steps);
        CatalogPlans catalog = new CatalogPlans(new ProfileCatalog(List.of(home.profiles())));
        PlanSource plans = (profile, inputs) -> {
            long start = System.nanoTime();
            try {
                return catalog.plan(profile, inputs);
            } finally {
                steps.add("plan (profile + inputs)", System.nanoTime() - start);
            }
        };
        engine = new SandboxEngine(new TimedStore(store, steps), ExtensionRegistry.of(List.of(podman, compose)),
                plans, CatalogPlans.secrets(System.getenv()), clock);
    }

    private ExtensionContext context(Owner owner, String id, Map<String, String> config, Clock clock) {
        Path dir = home.workDir(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExtensionContext(owner, transport, dir, config, clock);
    }

    Sandbox create(String profile) {
        return engine.create(new CreateRequest(profile, Map.of(), "default", BENCH, Optional.empty(), Map.of(),
                Optional.empty()), Progress.NONE);
    }

    void destroy(String sandboxId) {
        engine.destroy(sandboxId, BENCH, "user", Scope.ALL);
    }

    /** Removes anything of this installation still on podman; returns how much there was (0 when clean). */
    int sweep() {
        return LabelSweep.remove(OwnershipLabels.INSTALLATION, installationId);
    }

    @Override
    public void close() {
        sweep();
        store.close();
    }
}
