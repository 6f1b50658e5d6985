package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.cli.Main;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CatalogPlans;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * Where a fresh {@code sandboxer list} spends its time, in the order the CLI meets each cost, every one cold:
 * sqlite-jdbc's native library and first connection, Flyway's migrate (a no-op on an up-to-date store, but
 * still run; a second time to separate its class loading from its work), opening the store as the CLI does, ServiceLoader over the extensions, the profile catalog, the
 * engine and its list query; then the whole CLI command once more (picocli, output, and a now warm open).
 * Runs with the launcher's flags and class-data archive; prints one JSON line.
 */
public final class StartupPhases {
    private StartupPhases() {
    }

    public static void main(String[] args) throws Exception {
        long mainMillis = System.currentTimeMillis();
        SandboxerHome home = new SandboxerHome(Path.of(args[0]));
        ObjectNode phases = JsonNodeFactory.instance.objectNode();
        Clock clock = Clock.systemUTC();

        long t = System.nanoTime();
        SQLiteDataSource raw = new SQLiteDataSource();
        raw.setUrl("jdbc:sqlite:" + home.database());
        try (Connection c = raw.getConnection()) {
            c.getMetaData();
        }
        t = lap(phases, "sqlite-jdbc: native library + first connection", t);
        Flyway.configure().dataSource(raw).locations("classpath:db/migration/sqlite").load().migrate();
        t = lap(phases, "Flyway migrate, first in the process (store already current)", t);
        Flyway.configure().dataSource(raw).locations("classpath:db/migration/sqlite").load().migrate();
        t = lap(phases, "Flyway migrate again (its classes loaded: the work itself)", t);
        JdbcStore store = JdbcStore.sqlite(home.database(), clock);
        t = lap(phases, "JdbcStore.sqlite (a third migrate, Jdbi's first use, installation id)", t);
        Owner owner = new Owner(store.installationId());
        ExtensionRegistry extensions = ExtensionRegistry.discover(Optional.of(home.plugins()), id ->
                new ExtensionContext(owner, new LocalTransport(), home.workDir(id), Map.of(), clock));
        t = lap(phases, "ServiceLoader: extensions", t);
        ProfileCatalog profiles = new ProfileCatalog(List.of(home.profiles()));
        t = lap(phases, "profile catalog (built-ins + user dir)", t);
        SandboxEngine engine = new SandboxEngine(store, extensions, new CatalogPlans(profiles),
                CatalogPlans.secrets(Map.of()), clock);
        engine.list(new SandboxFilter(Set.of(), Optional.empty(), EnumSet.complementOf(EnumSet.of(
                SandboxState.DESTROYED)), Optional.empty(), Map.of()), Scope.ALL, Optional.empty(), 50);
        t = lap(phases, "engine + list query (50)", t);
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(new String[] {"--home", home.root().toString(), "list"}, nowhere, nowhere, System.getenv());
        lap(phases, "CLI list once more (picocli, table, warm open)", t);

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("JVM start to main (ms)", mainMillis - jvmStart);
        out.set("phases_ms", phases);
        System.out.println(out);
    }

    private static long lap(ObjectNode phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, Samples.round((now - since) / 1e6));
        return now;
    }
}
