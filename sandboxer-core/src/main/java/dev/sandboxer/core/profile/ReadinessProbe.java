package dev.sandboxer.core.profile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the engine knows a new sandbox is ready: an HTTP answer on a published port, or a command that
 * exits 0 inside the sandbox. Tried every {@code interval} until {@code timeout}.
 */
public sealed interface ReadinessProbe permits ReadinessProbe.Http, ReadinessProbe.Command {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

    Duration timeout();

    Duration interval();

    /**
     * @param port   the name of an entry of {@code reach.ports}
     * @param path   request path, starting with {@code /}
     * @param status the status code that means ready
     */
    record Http(String port, String path, int status, Duration timeout, Duration interval) implements ReadinessProbe {
        public Http {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** @param argv run without a shell, like every command sand-boxer runs */
    record Command(List<String> argv, Duration timeout, Duration interval) implements ReadinessProbe {
        public Command {
            argv = List.copyOf(argv);
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(interval, "interval");
        }
    }

    static Optional<ReadinessProbe> read(Section s) {
        Duration timeout = s.duration("timeout").orElse(DEFAULT_TIMEOUT);
        Duration interval = s.duration("interval").orElse(DEFAULT_INTERVAL);
        if (interval.compareTo(timeout) > 0) {
            s.problems().at(s.get("interval").orElseThrow(), Durations.format(interval) + " is longer than the timeout "
                    + Durations.format(timeout) + "; the probe would run once at most");
        }
        Optional<YamlNode> http = s.get("http");
        Optional<YamlNode> command = s.get("command");
        if (http.isPresent() && command.isPresent()) {
            s.problems().at(command.get(), "readiness takes one of http or command, not both; drop one");
            return Optional.empty();
        }
        if (http.isPresent()) {
            return s.section("http", "port", "path", "status").flatMap(h -> http(h, timeout, interval));
        }
        if (command.isPresent()) {
            return s.texts("command").flatMap(argv -> {
                if (argv.isEmpty()) {
                    s.problems().at(command.get(), "is empty; give the program and its arguments, e.g. [test, -f, /ready]");
                    return Optional.empty();
                }
                return Optional.of(new Command(argv, timeout, interval));
            });
        }
        s.problems().add(s.node().location(), s.node().path(), "needs http or command, e.g. "
                + "'http: {port: web, path: /}' or 'command: [test, -f, /tmp/ready]'; or drop readiness");
        return Optional.empty();
    }

    private static Optional<ReadinessProbe> http(Section h, Duration timeout, Duration interval) {
        Optional<String> port = h.require("port", "port: web").flatMap(h::string);
        String path = h.string("path").orElse("/");
        if (!path.startsWith("/")) {
            h.problems().at(h.get("path").orElseThrow(), Quote.of(path) + " must start with /");
        }
        long status = h.wholeNumber("status").orElse(200L);
        if (status < 100 || status > 599) {
            h.problems().at(h.get("status").orElseThrow(), status + " is not an HTTP status; use 100 to 599, e.g. 200");
        }
        return port.map(p -> new Http(p, path, (int) status, timeout, interval));
    }
}
