package dev.sandboxer.core;

import dev.sandboxer.core.access.Tokens;
import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingSettings;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CatalogPlans;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One embedded sand-boxer: the store under the home directory, the extensions found on the classpath and in
 * the plugins directory, the profile catalog, and the engine over them. The CLI and the server each open one.
 */
public final class ControlPlane implements AutoCloseable {
    private final SandboxerHome home;
    private final Store store;
    private final ExtensionRegistry extensions;
    private final Supplier<ProfileCatalog> profiles;
    private final SandboxEngine engine;
    private final Tokens tokens;
    private final Clock clock;

    private ControlPlane(SandboxerHome home, Store store, ExtensionRegistry extensions, Supplier<ProfileCatalog> profiles,
                         SandboxEngine engine, Tokens tokens, Clock clock) {
        this.clock = clock;
        this.home = home;
        this.store = store;
        this.extensions = extensions;
        this.profiles = profiles;
        this.engine = engine;
        this.tokens = tokens;
    }

    /**
     * Opens the control plane in a home directory.
     *
     * @param env the process environment: where secrets ({@code env:NAME}) are read from
     */
    public static ControlPlane open(SandboxerHome home, Map<String, String> env, Clock clock) {
        return open(home, env, clock, new LocalTransport());
    }

    /**
     * Opens the control plane with extensions running their backend commands through {@code transport}.
     */
    public static ControlPlane open(SandboxerHome home, Map<String, String> env, Clock clock, Transport transport) {
        return open(home, env, clock, transport, Optional.empty());
    }

    /**
     * As above, and with {@code hostConnector} the command-line extensions also run on the registered remote
     * hosts, as {@code podman-ssh} and {@code compose-ssh} (docs/hosts.md).
     */
    public static ControlPlane open(SandboxerHome home, Map<String, String> env, Clock clock, Transport transport,
                                    Optional<dev.sandboxer.core.host.HostConnector> hostConnector) {
        try {
            Files.createDirectories(home.root());
            Files.createDirectories(home.profiles());
            Files.createDirectories(home.plugins());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.root() + ": " + e.getMessage(), e);
        }
        Store store = openStore(home, env, clock);
        Owner owner = new Owner(store.installationId());
        Function<String, ExtensionContext> contexts = id -> new ExtensionContext(owner, transport,
                workDir(home, id), Map.of(), clock);
        ExtensionRegistry extensions = ExtensionRegistry.discover(Optional.of(home.plugins()), contexts);
        hostConnector.ifPresent(connector -> dev.sandboxer.core.host.HostedExtensions.register(extensions,
                new dev.sandboxer.core.host.Hosts(store), connector, owner, clock));
        Supplier<ProfileCatalog> profiles = memoized(() -> new ProfileCatalog(java.util.List.of(home.profiles())));
        Billing billing;
        try {
            billing = new Billing(store, BillingSettings.load(home.root().resolve("billing.properties"), env), clock);
        } catch (IllegalArgumentException e) {
            store.close();
            throw new SandboxerException.Invalid("invalid-billing-settings", e.getMessage(),
                    "see docs/billing.md for the keys of billing.properties");
        }
        SandboxEngine engine = new SandboxEngine(store, extensions, new CatalogPlans(profiles),
                CatalogPlans.secrets(env), clock, billing);
        return new ControlPlane(home, store, extensions, profiles, engine, new Tokens(store, clock), clock);
    }

    /** The environment variable that names a shared store by JDBC URL (default: SQLite in the home). */
    public static final String DATABASE_URL = "SANDBOXER_DATABASE_URL";

    /**
     * SQLite under the home unless {@value #DATABASE_URL} names another store, e.g. the PostgreSQL that
     * several replicas of {@code sandboxer serve} share (docs/guarantees.md).
     */
    static Store openStore(SandboxerHome home, Map<String, String> env, Clock clock) {
        String url = env.get(DATABASE_URL);
        if (url == null || url.isBlank()) {
            return JdbcStore.sqlite(home.database(), clock);
        }
        return JdbcStore.open(url.strip(), clock);
    }

    /** Parsing every profile costs a CLI command time it rarely needs; do it once, on first use. */
    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static Path workDir(SandboxerHome home, String extensionId) {
        Path dir = home.workDir(extensionId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** An outbox delivering this store's events to {@code sinks} (a server runs it; see docs/guarantees.md). */
    public dev.sandboxer.core.outbox.Outbox outbox(java.util.List<dev.sandboxer.core.outbox.Sink> sinks) {
        return new dev.sandboxer.core.outbox.Outbox(store, sinks, clock,
                dev.sandboxer.core.outbox.Outbox.Settings.defaults());
    }

    public SandboxerHome home() {
        return home;
    }

    public SandboxEngine engine() {
        return engine;
    }

    public ExtensionRegistry extensions() {
        return extensions;
    }

    /** The API tokens the server checks and operators issue. */
    public Tokens tokens() {
        return tokens;
    }

    /** The remote host registry and placement (docs/hosts.md). */
    public dev.sandboxer.core.host.Hosts hosts() {
        return new dev.sandboxer.core.host.Hosts(store);
    }

    /** This installation's id: the ownership label on everything it makes. */
    public String installationId() {
        return store.installationId();
    }

    public ProfileCatalog profiles() {
        return profiles.get();
    }

    @Override
    public void close() {
        extensions.close();
        store.close();
    }
}
