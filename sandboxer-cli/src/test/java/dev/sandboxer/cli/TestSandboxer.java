package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI run in-process against a temporary home, with one control plane kept open across runs: the
 * in-memory reference extension forgets its sandboxes when its control plane closes, which in a real
 * process would happen between commands.
 */
final class TestSandboxer implements AutoCloseable {
    final Path home;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final Map<Path, ControlPlane> open = new HashMap<>();
    private final Map<String, String> env = new HashMap<>(Map.of("USER", "tester", "PATH", "/usr/bin:/bin"));

    TestSandboxer(Path home) {
        this.home = home;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
        return new CliRun(exit, out.toString(), err.toString());
    }

    CliEnvironment environment() {
        ControlPlanes shared = (sandboxerHome, environment, clock, transport) -> new ControlPlanes.Session(
                open.computeIfAbsent(sandboxerHome.root(), root -> ControlPlane.open(sandboxerHome, environment, clock,
                        transport)),
                () -> { });
        return new CliEnvironment(env, shared, new SearchPathTransport(env), clock, false);
    }

    @Override
    public void close() {
        open.values().forEach(ControlPlane::close);
        open.clear();
    }
}
