package dev.sandboxer.cli;

import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.server.DoctorCheck;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import dev.sandboxer.core.outbox.Sink;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the HTTP API (docs/http-api.md) over this home until stopped (Ctrl-C, SIGTERM).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer serve",
            "  sandboxer serve --listen 127.0.0.1:8080",
            "Prints the URL, then one JSON line per request on stderr. Stopping lets running requests and creates",
            "finish for up to 30s; creates still running then are recorded failed and cleaned up.",
            "Clients need a token: sandboxer tokens create --consumer agt:NAME --project P",
        })
final class ServeCommand extends Subcommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7780",
            converter = Converters.ListenAddress.class,
            description = "Where to listen (default: ${DEFAULT-VALUE}). Tokens travel in clear HTTP: keep it on "
                    + "loopback, or put a TLS proxy in front.")
    Converters.Listen listen;

    @Option(names = "--lease-tick", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.SpanOrZero.class,
            description = "How often this replica reaps expired sandboxes and announces expiring ones "
                    + "(default: ${DEFAULT-VALUE}; 0 turns it off).")
    Duration leaseTick;

    @Option(names = "--expiring-warning", paramLabel = "DURATION", defaultValue = "1m",
            converter = Converters.Span.class,
            description = "How long before its expiry a sandbox's 'expiring' event goes out (default: ${DEFAULT-VALUE}).")
    Duration expiringWarning;

    @Option(names = "--replica-dead-after", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.Span.class,
            description = "A replica silent this long has died; its operations are taken over (default: "
                    + "${DEFAULT-VALUE}; the same on every replica, at least two lease ticks).")
    Duration deadAfter;

    @Option(names = "--reconcile-every", paramLabel = "DURATION", defaultValue = "1m",
            converter = Converters.SpanOrZero.class,
            description = "How often to reconcile records with backends (default: ${DEFAULT-VALUE}; 0 turns it off).")
    Duration reconcileEvery;

    @Option(names = "--webhook", paramLabel = "NAME=URL",
            description = {"Deliver every event to this URL as a signed CloudEvents POST (repeatable). The "
                    + "signing secret is read from $SANDBOXER_WEBHOOK_SECRET_<NAME> (upper case, '-' as '_'), "
                    + "never from the command line."})
    List<String> webhooks = new java.util.ArrayList<>();

    /** Webhook sinks from --webhook and their secrets from the environment; refuses a missing secret. */
    private List<Sink> sinks(Map<String, String> env) {
        List<Sink> sinks = new java.util.ArrayList<>();
        for (String webhook : webhooks) {
            int eq = webhook.indexOf('=');
            if (eq < 1) {
                throw new SandboxerException.Invalid("usage", "--webhook '" + webhook + "' is not NAME=URL",
                        "e.g. --webhook audit=https://hooks.example/sandboxer");
            }
            String name = webhook.substring(0, eq);
            String variable = "SANDBOXER_WEBHOOK_SECRET_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            String secret = env.get(variable);
            if (secret == null || secret.isEmpty()) {
                throw new SandboxerException.Invalid("usage", "webhook " + name + " has no signing secret",
                        "set $" + variable + " (at least 16 characters)");
            }
            try {
                sinks.add(new Sink(name, java.net.URI.create(webhook.substring(eq + 1)),
                        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new SandboxerException.Invalid("usage", "--webhook " + name + ": " + e.getMessage(),
                        "e.g. --webhook audit=https://hooks.example/sandboxer");
            }
        }
        return sinks;
    }

    @picocli.CommandLine.Option(names = "--host-telemetry-seconds", defaultValue = "60", paramLabel = "N",
            description = "Read every remote host's telemetry each N seconds (0: never); see docs/hosts.md.")
    int hostTelemetrySeconds;

    @Override
    public Integer call() {
        if (remote()) {
            throw new SandboxerException.Invalid("usage", "serve runs a server over this machine's home; it does "
                    + "not talk to another server", "leave out --server (and unset SANDBOXER_SERVER)");
        }
        CliEnvironment env = environment();
        SandboxerHome home = global().home(env.env());
        HostChecks hostChecks = new HostChecks(env.transport(), env.env(), home);
        List<Sink> sinks = sinks(env.env());
        ServerSettings.Background background;
        try {
            background = new ServerSettings.Background(leaseTick, expiringWarning, deadAfter, reconcileEvery, sinks);
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("usage", e.getMessage(), "e.g. --lease-tick 5s --replica-dead-after 30s");
        }
        ServerSettings settings = ServerSettings.defaults().withHost(listen.host()).withPort(listen.port())
                .withBackground(background)
                .withLog(this::log)
                .withHostAccess(new SshConnector())
                .withDoctor(() -> hostChecks.run().stream()
                        .map(c -> new DoctorCheck(c.name(), c.ok(), c.detail(), c.fix())).toList());
        ControlPlanes.Session session = openControlPlane();
        SandboxerServer server;
        try {
            server = SandboxerServer.start(session.plane(), settings);
        } catch (RuntimeException e) {
            session.close();
            throw new SandboxerException.Unavailable("cannot listen on " + listen + ": " + e.getMessage(),
                    "pick another --listen address, or stop whatever holds that port");
        }
        if (!List.of("127.0.0.1", "localhost", "::1").contains(listen.host())) {
            err().println("warning: listening beyond loopback on " + listen + "; tokens travel in clear HTTP");
        }
        out().println("sandboxer serving " + server.uri() + "/ (home " + home.root() + ")");
        out().flush();
        TelemetryLoop telemetry = hostTelemetrySeconds > 0
                ? new TelemetryLoop(session.plane(), env.clock(), java.time.Duration.ofSeconds(hostTelemetrySeconds))
                : null;
        try {
            awaitStop(server, session);
        } finally {
            if (telemetry != null) {
                telemetry.close();
            }
        }
        return 0;
    }

    /**
     * Blocks until SIGINT/SIGTERM (a shutdown hook) or an interrupt (an in-process caller, such as a test),
     * then stops gracefully and closes the control plane, once. The hook does the stopping itself because
     * the JVM exits as soon as hooks are done.
     */
    private void awaitStop(SandboxerServer server, ControlPlanes.Session session) {
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                server.stop();
                session.close();
                log("{\"level\":\"info\",\"event\":\"stopped\"}");
            }
            done.countDown();
        };
        Thread hook = new Thread(stop, "sandboxer-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            done.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
        }
    }

    private void log(String line) {
        err().println(line);
        err().flush();
    }
}
