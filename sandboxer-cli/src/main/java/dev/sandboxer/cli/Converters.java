package dev.sandboxer.cli;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.profile.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value types. Each throws {@link TypeConversionException} with a message that says how to write the
 * value, so a bad value is a usage error (exit 2) reading "Invalid value for option '--ttl': ...".
 */
final class Converters {
    private Converters() {
    }

    /** {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
    static final class Span implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a duration; use e.g. 30s, 10m, 1h30m, 2d"));
        }
    }

    /** {@code kind:name}. */
    static final class ConsumerText implements ITypeConverter<Consumer> {
        @Override
        public Consumer convert(String value) {
            try {
                return Consumer.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Project implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return ProjectId.require(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class State implements ITypeConverter<SandboxState> {
        @Override
        public SandboxState convert(String value) {
            try {
                return SandboxState.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a state; use one of "
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
                throw new TypeConversionException("'" + value + "' is not an output format; use table or json");
            }
        }
    }
}
