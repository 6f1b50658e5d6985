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
 * @param hostAccess how the host routes reach hosts over SSH (the CLI gives its SSH client); without it
 *                  {@code POST /v1/hosts} answers 503 and telemetry is not read
 * @param background what the server does on its own: leases and reconcile ({@link Background#OFF} by default,
 *                  so tests that move a clock decide when reaping happens; {@code sandboxer serve} turns it on)
 */
public record ServerSettings(String host, int port, Duration grace, Consumer<String> log,
                             Supplier<List<DoctorCheck>> doctor, Duration eventPoll, Background background,
                             java.util.Optional<dev.sandboxer.core.host.HostAccess> hostAccess) {

    /**
     * @param leaseTick        how often leases are checked (0: never)
     * @param expiringWarning  how long before expiry the {@code expiring} event goes out
     * @param runnerDeadAfter  a replica silent this long is taken to have died; at least two lease ticks, and
     *                         the same on every replica
     * @param reconcileEvery   how often to reconcile (0: never)
     * @param webhooks         sinks the event outbox delivers to (on a thread of its own)
     */
    public record Background(Duration leaseTick, Duration expiringWarning, Duration runnerDeadAfter,
                             Duration reconcileEvery, List<dev.sandboxer.core.outbox.Sink> webhooks) {
        public static final Background OFF = new Background(Duration.ZERO, Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ZERO, List.of());
        public static final Background DEFAULTS = new Background(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(1), List.of());

        public Background {
            webhooks = List.copyOf(webhooks);
            if (leaseTick.isNegative() || reconcileEvery.isNegative() || expiringWarning.isNegative()) {
                throw new IllegalArgumentException("intervals must not be negative");
            }
            if (leaseTick.isPositive() && runnerDeadAfter.compareTo(leaseTick.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("the time after which a replica counts as dead ("
                        + runnerDeadAfter + ") must be at least two lease ticks (" + leaseTick + ")");
            }
        }
    }
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
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(hostAccess, "hostAccess");
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", DEFAULT_PORT, Duration.ofSeconds(30), System.err::println, List::of,
                Duration.ofMillis(250), Background.OFF, java.util.Optional.empty());
    }

    public ServerSettings withBackground(Background newBackground) {
        return new ServerSettings(host, port, grace, log, doctor, eventPoll, newBackground, hostAccess);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, grace, log, doctor, eventPoll, background, hostAccess);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, grace, log, doctor, eventPoll, background, hostAccess);
    }

    public ServerSettings withGrace(Duration newGrace) {
        return new ServerSettings(host, port, newGrace, log, doctor, eventPoll, background, hostAccess);
    }

    public ServerSettings withLog(Consumer<String> newLog) {
        return new ServerSettings(host, port, grace, newLog, doctor, eventPoll, background, hostAccess);
    }

    public ServerSettings withDoctor(Supplier<List<DoctorCheck>> newDoctor) {
        return new ServerSettings(host, port, grace, log, newDoctor, eventPoll, background, hostAccess);
    }

    public ServerSettings withEventPoll(Duration newEventPoll) {
        return new ServerSettings(host, port, grace, log, doctor, newEventPoll, background, hostAccess);
    }

    public ServerSettings withHostAccess(dev.sandboxer.core.host.HostAccess access) {
        return new ServerSettings(host, port, grace, log, doctor, eventPoll, background, java.util.Optional.of(access));
    }
}
