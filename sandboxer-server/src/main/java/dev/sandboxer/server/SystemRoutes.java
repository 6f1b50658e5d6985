package dev.sandboxer.server;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.Health;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/** What the control plane runs with: extensions, host checks (doctor) and version. */
final class SystemRoutes {

    /** One extension, as {@code sandboxer extensions list -o json} shows it. */
    record Listed(String id, String version, String kind, List<String> capabilities, String description,
                  Health health) {
    }

    record Doctor(boolean ok, List<DoctorCheck> checks) {
    }

    record Version(String version, String java) {
    }

    private final SandboxEngine engine;
    private final ExtensionRegistry extensions;
    private final Supplier<List<DoctorCheck>> hostChecks;

    SystemRoutes(SandboxEngine engine, ExtensionRegistry extensions, Supplier<List<DoctorCheck>> hostChecks) {
        this.engine = engine;
        this.extensions = extensions;
        this.hostChecks = hostChecks;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/extensions", this::extensions, Access.CONSUMER);
        routes.get("/v1/doctor", this::doctor, Access.OPERATOR);
        routes.get("/v1/version", this::version, Access.CONSUMER);
    }

    private void extensions(Context ctx) {
        QueryParams.allowOnly(ctx);
        List<Listed> listed = new ArrayList<>();
        for (Extension extension : extensions.all()) {
            ExtensionDescriptor d = extension.descriptor();
            listed.add(new Listed(d.id(), d.version(), d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    d.capabilities().stream().sorted().map(Capability::id).toList(), d.description(),
                    health(extension)));
        }
        Responses.json(ctx, listed);
    }

    private void doctor(Context ctx) {
        QueryParams.allowOnly(ctx);
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(storeCheck());
        for (Extension extension : extensions.all()) {
            Health health = health(extension);
            checks.add(new DoctorCheck("extension " + extension.descriptor().id(), health.available(),
                    health.detail(), health.hint()));
        }
        checks.addAll(hostChecks.get());
        Responses.json(ctx, new Doctor(checks.stream().allMatch(DoctorCheck::ok), checks));
    }

    private DoctorCheck storeCheck() {
        try {
            engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 1);
            return new DoctorCheck("store", true, "reachable", "");
        } catch (RuntimeException e) {
            return new DoctorCheck("store", false, Bodies.clip(e.getMessage()), "check the database file and its "
                    + "directory's permissions");
        }
    }

    /** Health is promised never to throw; a plugin that breaks the promise still must not break the answer. */
    private static Health health(Extension extension) {
        try {
            return extension.health();
        } catch (RuntimeException e) {
            return Health.unavailable("health check failed: " + e.getMessage(), "");
        }
    }

    private void version(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, new Version(version(), Runtime.version().toString()));
    }

    /** The project version, written into version.properties when the jar is built. */
    static String version() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
