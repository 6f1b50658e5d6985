package dev.sandboxer.server;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.engine.SandboxEngine;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.util.JavalinException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The sand-boxer HTTP API (docs/http-api.md) over one open {@link ControlPlane}: Javalin on virtual threads,
 * listening on 127.0.0.1 unless told otherwise. {@link #stop()} is graceful: it stops accepting, lets running
 * requests and background creates finish within the grace period, and interrupts creates still running
 * then, so the engine records them failed and removes what they made. The control plane stays open; its
 * owner closes it after stopping the server.
 */
public final class SandboxerServer implements AutoCloseable {
    /** How long interrupted creates get to clean up and record their end once the grace period is over. */
    private static final Duration CLEANUP_PATIENCE = Duration.ofSeconds(10);
    private static final Duration IDLE_ON_SHUTDOWN = Duration.ofMillis(200);

    /** A registered route: method, path template as in openapi.yaml, and who may call it. */
    public record Route(String method, String path, Access access) {
    }

    private final Javalin app;
    private final int port;
    private final ServerSettings settings;
    private final List<Route> routes;
    private final BackgroundCreates creates;
    private final AtomicBoolean accepting;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Housekeeping housekeeping;

    private SandboxerServer(Javalin app, ServerSettings settings, List<Route> routes, BackgroundCreates creates,
                            AtomicBoolean accepting, Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
        this.app = app;
        this.port = app.port();
        this.settings = settings;
        this.routes = routes;
        this.creates = creates;
        this.accepting = accepting;
    }

    /** Starts a server on {@code host:port} (port 0: any free one) with the default settings otherwise. */
    public static SandboxerServer start(ControlPlane plane, String host, int port) {
        return start(plane, ServerSettings.defaults().withHost(host).withPort(port));
    }

    public static SandboxerServer start(ControlPlane plane, ServerSettings settings) {
        SandboxEngine engine = plane.engine();
        AtomicBoolean accepting = new AtomicBoolean(true);
        Metrics metrics = new Metrics(engine);
        BackgroundCreates creates = new BackgroundCreates(metrics, settings.log());
        AccessLog accessLog = new AccessLog(settings.log(), metrics);
        List<Route> routes = new CopyOnWriteArrayList<>();

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = Bodies.LIMIT;
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrors());
                GracefulHandler graceful = new GracefulHandler();
                // Idle keep-alive connections would otherwise hold the shutdown open until the grace ends.
                graceful.setShutdownIdleTimeout(IDLE_ON_SHUTDOWN.toMillis());
                server.insertHandler(graceful);
                server.setStopTimeout(settings.grace().toMillis());
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrors()));
            config.events.handlerAdded(meta -> meta.getRoles().stream()
                    .filter(Access.class::isInstance).map(Access.class::cast).findFirst()
                    .ifPresent(access -> routes.add(new Route(meta.getHttpMethod().name(), meta.getPath(), access))));
            config.requestLogger.http(accessLog::record);
            config.routes.beforeMatched(new Authentication(plane.tokens()));
            new ProblemMapping(settings.log()).install(config.routes);
            CreateRoute create = new CreateRoute(engine, creates, metrics);
            new SandboxRoutes(engine, create, metrics).register(config.routes);
            new OperationRoutes(engine).register(config.routes);
            new EventRoutes(engine, new EventStream(engine, settings.eventPoll(), accepting::get))
                    .register(config.routes);
            new ProfileRoutes(plane).register(config.routes);
            new SystemRoutes(engine, plane.extensions(), settings.doctor()).register(config.routes);
            new TokenRoutes(plane.tokens()).register(config.routes);
            new HostRoutes(plane.hosts(), settings.hostAccess(), plane.installationId(), java.time.Clock.systemUTC())
                    .register(config.routes);
            new BillingRoutes(engine, java.time.Clock.systemUTC()).register(config.routes);
            new HealthRoutes(engine, metrics, accepting::get).register(config.routes);
        });
        app.start();
        Housekeeping housekeeping = Housekeeping.start(plane, settings.background(), settings.log());
        return new SandboxerServer(app, settings, routes, creates, accepting, housekeeping);
    }

    /** The port it listens on (the one picked, when started with port 0). */
    public int port() {
        return port;
    }

    public String host() {
        return settings.host();
    }

    /** {@code http://host:port}, for clients. */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Every route, in path order; the CLI's parity test and the OpenAPI test hold them against their lists. */
    public List<Route> routes() {
        return routes.stream().sorted(Comparator.comparing(Route::path).thenComparing(Route::method)).toList();
    }

    /**
     * Stops gracefully: event streams end, Jetty stops accepting and waits for running requests, background
     * creates get what is left of the grace period, and any still running are interrupted. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + settings.grace().toNanos();
        accepting.set(false);
        housekeeping.close();
        try {
            app.stop();
        } catch (JavalinException e) {
            // Requests were still running when the grace ended; Jetty has stopped regardless.
            settings.log().accept(ApiJson.text(Map.of("level", "warn", "event", "stop-grace-ended",
                    "error", Bodies.clip(String.valueOf(e.getCause())))));
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!creates.drain(left)) {
            creates.interruptRemaining(CLEANUP_PATIENCE);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
