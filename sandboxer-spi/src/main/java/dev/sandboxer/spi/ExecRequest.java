package dev.sandboxer.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command to run inside a sandbox. argv is passed as a list, never joined into a shell string.
 *
 * @param service for multi-service sandboxes, which service; empty means the main one
 */
public record ExecRequest(List<String> argv, Map<String, String> env, Optional<String> service, Duration timeout) {
    public ExecRequest {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static ExecRequest of(String... argv) {
        return new ExecRequest(List.of(argv), Map.of(), Optional.empty(), Duration.ofMinutes(5));
    }
}
