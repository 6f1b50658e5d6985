package dev.sandboxer.spi.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command: argv (element 0 is the program), extra environment, bytes for stdin, and a timeout.
 * Arguments are passed to the program verbatim; no shell ever sees them.
 */
public record Command(List<String> argv, Map<String, String> env, byte[] stdin, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public Command {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        for (String arg : argv) {
            Objects.requireNonNull(arg, "argv element");
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argv element contains a NUL byte");
            }
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        stdin = stdin == null ? new byte[0] : stdin.clone();
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, env, stdin, newTimeout);
    }

    public Command withStdin(byte[] bytes) {
        return new Command(argv, env, bytes, timeout);
    }

    public Command withEnv(Map<String, String> newEnv) {
        return new Command(argv, newEnv, stdin, timeout);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public String toString() {
        // env values and stdin may carry secrets: show names and sizes only.
        return "Command" + argv + " env=" + env.keySet() + " stdin=" + stdin.length + "B timeout=" + timeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.argv.equals(argv) && c.env.equals(env)
                && java.util.Arrays.equals(c.stdin, stdin) && c.timeout.equals(timeout);
    }

    @Override
    public int hashCode() {
        return argv.hashCode();
    }
}
