package dev.sandboxer.cli;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.profile.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value types. Each throws {@link BadValue} saying what is wrong with the value and how to write it;
 * {@link FailureReport} puts the option and the value in front, so a bad value is one usage-error line
 * (exit 2) such as {@code error: --ttl '0s' must be positive; use e.g. 30s, 10m, 1h30m, 2d}.
 */
final class Converters {
    private Converters() {
    }

    /**
     * A value the option cannot take. The message continues "--OPTION 'VALUE' ...": it says what is wrong
     * ("must be positive; ...") and neither names the option nor repeats the value.
     */
    static final class BadValue extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    private static final String DURATION_EXAMPLES = "use e.g. 30s, 10m, 1h30m, 2d";
    /** Duration syntax whatever the numbers: what parses except that it comes to zero. */
    private static final Pattern ZERO_DURATION = Pattern.compile("(0+(ms|d|h|m|s))+");

    /** {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}: always more than zero. */
    static final class Span implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value).orElseThrow(() -> {
                if (ZERO_DURATION.matcher(value).matches()
                        || value.startsWith("-") && Durations.parse(value.substring(1)).isPresent()) {
                    return new BadValue("must be positive; " + DURATION_EXAMPLES);
                }
                return new BadValue("is not a duration; " + DURATION_EXAMPLES);
            });
        }
    }

    /** A duration, or {@code 0} for "never" (intervals a server may turn off). */
    static final class SpanOrZero implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.equals("0") || ZERO_DURATION.matcher(value).matches() ? Duration.ZERO : new Span().convert(value);
        }
    }

    /** {@code KEY=VALUE}, for --input, --label and --env; the value may be empty and may contain '='. */
    record KeyValue(String key, String value) {
        /** The pairs in order; a key given twice keeps its last value. */
        static Map<String, String> toMap(List<KeyValue> pairs) {
            Map<String, String> map = new LinkedHashMap<>();
            pairs.forEach(p -> map.put(p.key(), p.value()));
            return map;
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    static final class Pair implements ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String value) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new BadValue("must be KEY=VALUE");
            }
            if (equals == 0) {
                throw new BadValue("must be KEY=VALUE with a KEY before the '='");
            }
            return new KeyValue(value.substring(0, equals), value.substring(equals + 1));
        }
    }

    /** {@code kind:name}. */
    static final class ConsumerText implements ITypeConverter<Consumer> {
        @Override
        public Consumer convert(String value) {
            try {
                return Consumer.parse(value);
            } catch (IllegalArgumentException e) {
                throw new BadValue("must be KIND:NAME: KIND one of adm, agt, atm and NAME 1-100 of letters, digits, "
                        + "'.', '_', '@', '-'; e.g. agt:my-harness");
            }
        }
    }

    static final class Project implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return ProjectId.require(value);
            } catch (IllegalArgumentException e) {
                throw new BadValue("must be 1-63 of lower-case letters, digits and '-', starting with a letter "
                        + "or digit");
            }
        }
    }

    static final class State implements ITypeConverter<SandboxState> {
        @Override
        public SandboxState convert(String value) {
            try {
                return SandboxState.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new BadValue("is not a state; use one of "
                        + Arrays.stream(SandboxState.values()).map(SandboxState::id).collect(Collectors.joining(", ")));
            }
        }
    }

    static final class Output implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadValue("is not an output format; use table or json");
            }
        }
    }

    /** A whole number in [min, max]; subclasses name the range so picocli can build them. */
    abstract static class Bounded implements ITypeConverter<Long> {
        private final long min;
        private final long max;

        Bounded(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(String value) {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new BadValue("is not a whole number; " + range());
            }
            if (number < min || number > max) {
                throw new BadValue("is out of range; " + range());
            }
            return number;
        }

        private String range() {
            return max == Long.MAX_VALUE ? "use " + min + " or more" : "use " + min + " to " + max;
        }
    }

    /** {@code list --limit}: what the engine accepts. */
    static final class ListLimit extends Bounded {
        ListLimit() {
            super(1, 1000);
        }
    }

    /** {@code events --limit}. */
    static final class EventLimit extends Bounded {
        EventLimit() {
            super(1, 10_000);
        }
    }

    /** {@code events --after}: an event sequence number. */
    static final class Sequence extends Bounded {
        Sequence() {
            super(0, Long.MAX_VALUE);
        }
    }

    /** {@code serve --listen}: {@code HOST:PORT}, an IPv6 host in brackets ({@code [::1]:7780}); port 0 picks one. */
    record Listen(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static final class ListenAddress implements ITypeConverter<Listen> {
        private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

        @Override
        public Listen convert(String value) {
            java.util.regex.Matcher matcher = FORM.matcher(value);
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65535) {
                throw new BadValue("must be HOST:PORT with a port of 0 to 65535, e.g. 127.0.0.1:7780");
            }
            String host = matcher.group(1).replace("[", "").replace("]", "");
            return new Listen(host, Integer.parseInt(matcher.group(2)));
        }
    }
}
