package dev.sandboxer.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a server runs.
 *
 * @param host      where it listens; 127.0.0.1 unless asked otherwise, since tokens travel in clear HTTP
 * @param port      0 picks a free port ({@link SandboxerServer#port()} says which)
 * @param grace     how long {@link SandboxerServer#stop()} lets running requests and creates finish
 * @param log       where one JSON line per request, and per unexpected error, goes (never tokens or bodies)
 * @param doctor    host checks to add to {@code GET /v1/doctor} (the CLI passes its own); the server always
 *                  adds the store and every extension's health
 * @param eventPoll how often an event stream looks for new events
 */
public record ServerSettings(String host, int port, Duration grace, Consumer<String> log,
                             Supplier<List<DoctorCheck>> doctor, Duration eventPoll) {
    public static final int DEFAULT_PORT = 7780;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (grace.isNegative() || eventPoll.isNegative() || eventPoll.isZero()) {
            throw new IllegalArgumentException("grace must not be negative and eventPoll must be positive");
        }
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(doctor, "doctor");
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", DEFAULT_PORT, Duration.ofSeconds(30), System.err::println, List::of,
                Duration.ofMillis(250));
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, grace, log, doctor, eventPoll);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, grace, log, doctor, eventPoll);
    }

    public ServerSettings withGrace(Duration newGrace) {
        return new ServerSettings(host, port, newGrace, log, doctor, eventPoll);
    }

    public ServerSettings withLog(Consumer<String> newLog) {
        return new ServerSettings(host, port, grace, newLog, doctor, eventPoll);
    }

    public ServerSettings withDoctor(Supplier<List<DoctorCheck>> newDoctor) {
        return new ServerSettings(host, port, grace, log, newDoctor, eventPoll);
    }

    public ServerSettings withEventPoll(Duration newEventPoll) {
        return new ServerSettings(host, port, grace, log, doctor, newEventPoll);
    }
}
