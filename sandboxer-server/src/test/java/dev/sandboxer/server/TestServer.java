package dev.sandboxer.server;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One control plane and server for every test class in the run: the reference extension keeps its
 * sandboxes in memory, so the plane must stay open. Real SQLite in a temporary home, port 0, and tokens
 * for each kind of caller the tests play.
 */
final class TestServer {
    private static TestServer shared;

    final Path home;
    final ControlPlane plane;
    final SandboxerServer server;
    final Api api;
    final List<String> log = new CopyOnWriteArrayList<>();
    /** adm: every project. */
    final String admin;
    /** agt for project p1 only. */
    final String agentP1;
    /** atm for project p2 only. */
    final String automationP2;
    final String revoked;
    final String revokedId;

    /** A readable "login key" and a work root for hosts registered in tests (this machine, faked). */
    Path hostKeyFile() {
        return home.resolve("host-key");
    }

    Path hostWorkRoot() {
        return home.resolve("host-work");
    }

    private TestServer() throws IOException {
        home = Files.createTempDirectory("sandboxer-server-test");
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("host-key"), "not a real key: the fake SSH side never reads it\n");
        Files.writeString(home.resolve("profiles/echo.yaml"), TestProfiles.ECHO);
        Files.writeString(home.resolve("profiles/doomed.yaml"), TestProfiles.DOOMED);
        Files.writeString(home.resolve("profiles/gated.yaml"), TestProfiles.GATED);
        // A fixed key-encryption key, so provider keys (BYOK) can be registered in tests.
        plane = ControlPlane.open(new SandboxerHome(home), Map.of("SANDBOXER_KEY_ENCRYPTION_KEY",
                "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), Clock.systemUTC());
        admin = plane.tokens().create(Consumer.parse("adm:ops"), Set.of()).secret();
        agentP1 = plane.tokens().create(Consumer.parse("agt:harness"), Set.of("p1")).secret();
        automationP2 = plane.tokens().create(Consumer.parse("atm:ci"), Set.of("p2")).secret();
        var gone = plane.tokens().create(Consumer.parse("agt:former"), Set.of("p1"));
        plane.tokens().revoke(gone.token().id());
        revoked = gone.secret();
        revokedId = gone.token().id();
        server = SandboxerServer.start(plane, ServerSettings.defaults().withPort(0).withLog(log::add)
                .withHostAccess(new ThisMachineHosts()));
        api = new Api(server.uri());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown));
    }

    static synchronized TestServer get() {
        if (shared == null) {
            try {
                shared = new TestServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Another server over the same plane, for tests that stop one. */
    SandboxerServer startAnother(ServerSettings settings) {
        return SandboxerServer.start(plane, settings.withPort(0).withLog(log::add));
    }

    private void shutDown() {
        server.stop();
        plane.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
