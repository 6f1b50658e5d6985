package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CLI run in-process against a temporary home, with one control plane kept open across runs: the
 * in-memory reference extension forgets its sandboxes when its control plane closes, which in a real
 * process would happen between commands.
 *
 * <p>In {@link Mode#REMOTE} the same command lines go to a real server over that control plane, as
 * {@code SANDBOXER_SERVER} and {@code SANDBOXER_TOKEN} direct them; the token is an operator's named like the
 * embedded default ({@code adm:tester}). A remote CLI refuses {@code --as}, because the token says who asks:
 * so {@code --as K:N} is taken out of the command line and answered with a token for K:N acting for the
 * command's {@code --project}s (else {@code default}), which is the scope the embedded CLI gives {@code --as}.
 */
final class TestSandboxer implements AutoCloseable {
    /** Who answers the CLI: the engine in the process, or a server. */
    enum Mode {
        EMBEDDED, REMOTE
    }

    private static final String USER = "tester";

    final Path home;
    final Mode mode;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final Map<Path, ControlPlane> open = new HashMap<>();
    private final Map<String, String> env = new HashMap<>(Map.of("USER", USER, "PATH", "/usr/bin:/bin"));
    private final Map<String, String> tokens = new HashMap<>();
    private SandboxerServer server;
    /** The remote server's access log, one JSON line per request, in order. */
    final List<String> accessLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestSandboxer(Path home) {
        this(home, Mode.EMBEDDED);
    }

    TestSandboxer(Path home, Mode mode) {
        this.home = home;
        this.mode = mode;
    }

    /** The server this CLI talks to in remote mode (started by the first command), else null. */
    SandboxerServer server() {
        return server;
    }

    boolean remote() {
        return mode == Mode.REMOTE;
    }

    TestSandboxer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Writes a profile into the home's profiles directory; returns its path. */
    Path profile(String fileName, String yaml) {
        try {
            Path file = new SandboxerHome(home).profiles().resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CliRun run(String... args) {
        return run(environment(), args);
    }

    CliRun run(CliEnvironment environment, String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        if (remote()) {
            environment = remotely(environment, words);
        }
        return invoke(environment, words);
    }

    private CliRun invoke(CliEnvironment environment, List<String> words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(words);
        int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Remote mode only: runs with a token of {@code who} for exactly {@code projects}, whatever the words say. */
    CliRun runWithToken(Consumer who, Set<String> projects, String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        CliEnvironment environment = remotely(environment(), words);
        String token = plane(new SandboxerHome(home), env, environment.transport()).tokens().create(who, projects)
                .secret();
        Map<String, String> withToken = new HashMap<>(environment.env());
        withToken.put(ServerTarget.TOKEN, token);
        return invoke(new CliEnvironment(withToken, environment.planes(), environment.transport(),
                environment.clock(), environment.interactive()), words);
    }

    CliEnvironment environment() {
        ControlPlanes shared = (sandboxerHome, environment, clock, transport) -> new ControlPlanes.Session(
                plane(sandboxerHome, environment, transport), () -> { });
        return new CliEnvironment(env, shared, new SearchPathTransport(env), clock, false);
    }

    private ControlPlane plane(SandboxerHome sandboxerHome, Map<String, String> environment,
                              dev.sandboxer.spi.transport.Transport transport) {
        return open.computeIfAbsent(sandboxerHome.root(), root -> ControlPlane.open(sandboxerHome, environment, clock,
                transport));
    }

    /** The shared control plane, to set things up behind the CLI's back. */
    ControlPlane plane() {
        return plane(new SandboxerHome(home), env, new SearchPathTransport(env));
    }

    /** An extension of the shared control plane, to change a backend behind sand-boxer's back. */
    dev.sandboxer.spi.Extension extension(String id) {
        return plane(new SandboxerHome(home), env, new SearchPathTransport(env)).extensions().find(id).orElseThrow();
    }

    /** The environment pointing at the server (started on first use), with the token for whoever asks. */
    private CliEnvironment remotely(CliEnvironment environment, List<String> words) {
        ControlPlane plane = plane(new SandboxerHome(home), env, environment.transport());
        if (server == null) {
            server = SandboxerServer.start(plane, ServerSettings.defaults().withHost("127.0.0.1").withPort(0)
                    .withLog(accessLog::add).withEventPoll(Duration.ofMillis(20)).withGrace(Duration.ofSeconds(2))
                    .withHostAccess(new SshConnector()));
        }
        Consumer who = takeAs(words).orElse(new Consumer(Consumer.Kind.ADM, USER));
        Set<String> projects = who.kind() == Consumer.Kind.ADM ? Set.of() : projectsOf(words);
        String token = tokens.computeIfAbsent(who + " " + projects, key -> plane.tokens().create(who, projects)
                .secret());
        Map<String, String> remoteEnv = new HashMap<>(environment.env());
        remoteEnv.put(ServerTarget.SERVER, server.uri().toString());
        remoteEnv.put(ServerTarget.TOKEN, token);
        return new CliEnvironment(remoteEnv, environment.planes(), environment.transport(), environment.clock(),
                environment.interactive());
    }

    /** Removes a well-formed {@code --as K:N} (a malformed one stays, to fail as it would embedded). */
    private static java.util.Optional<Consumer> takeAs(List<String> words) {
        int at = words.indexOf("--as");
        if (at < 0 || at + 1 >= words.size()) {
            return java.util.Optional.empty();
        }
        try {
            Consumer who = Consumer.parse(words.get(at + 1));
            words.remove(at + 1);
            words.remove(at);
            return java.util.Optional.of(who);
        } catch (IllegalArgumentException malformed) {
            return java.util.Optional.empty();
        }
    }

    private static Set<String> projectsOf(List<String> words) {
        Set<String> projects = new LinkedHashSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("--project")) {
                projects.add(words.get(i + 1));
            }
        }
        return projects.isEmpty() ? Set.of("default") : projects;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        open.values().forEach(ControlPlane::close);
        open.clear();
    }
}
