package dev.sandboxer.client;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A real server on a free port over a temporary home, with the in-memory reference extension (from the
 * conformance kit on the test classpath) and the test profiles; and an operator token to start from.
 */
final class RunningServer implements AutoCloseable {
    /** A reference sandbox with one published HTTP port and exec. */
    static final String WEB = """
            id: web-ref
            version: 1
            description: A reference sandbox with one published HTTP port
            extension: reference
            ttl:
              default: 30m
              max: 2h
            reach:
              ports:
                - {name: web, port: 8080, protocol: http}
              exec: true
            backend:
              reference: {}
            """;

    /** A reference sandbox whose backend always fails. */
    static final String DOOMED = """
            id: doomed
            version: 1
            description: A reference sandbox whose backend always fails
            extension: reference
            ttl:
              default: 10m
              max: 1h
            backend:
              reference:
                fail: the disk is on fire
            """;

    final ControlPlane plane;
    private SandboxerServer server;
    final String operatorToken;

    private RunningServer(ControlPlane plane, SandboxerServer server) {
        this.plane = plane;
        this.server = server;
        this.operatorToken = plane.tokens().create(Consumer.parse("adm:root"), Set.of()).secret();
    }

    static RunningServer start(Path home) {
        SandboxerHome sandboxerHome = new SandboxerHome(home);
        write(sandboxerHome, "web-ref.yaml", WEB);
        write(sandboxerHome, "doomed.yaml", DOOMED);
        ControlPlane plane = ControlPlane.open(sandboxerHome, Map.of(), Clock.systemUTC());
        return new RunningServer(plane, SandboxerServer.start(plane, settings(0)));
    }

    private static ServerSettings settings(int port) {
        // Quiet, and quick to notice new events, so following them costs the tests little time.
        return ServerSettings.defaults().withHost("127.0.0.1").withPort(port).withLog(line -> { })
                .withEventPoll(Duration.ofMillis(20)).withGrace(Duration.ofSeconds(2));
    }

    String url() {
        return server.uri().toString();
    }

    int port() {
        return server.port();
    }

    /** Stops the server and starts a new one on the same port over the same control plane. */
    void restart() {
        int port = server.port();
        server.stop();
        server = SandboxerServer.start(plane, settings(port));
    }

    /** A token for {@code consumer} (kind:name) acting for {@code projects}. */
    String token(String consumer, String... projects) {
        return plane.tokens().create(Consumer.parse(consumer), Set.of(projects)).secret();
    }

    SandboxerClient client(String token) {
        return SandboxerClient.builder().baseUrl(url()).token(token).requestTimeout(Duration.ofSeconds(20)).build();
    }

    SandboxerClient operator() {
        return client(operatorToken);
    }

    private static void write(SandboxerHome home, String name, String yaml) {
        try {
            Files.createDirectories(home.profiles());
            Files.writeString(home.profiles().resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        plane.close();
    }
}
