package dev.sandboxer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sandboxer.core.model.Consumer;
import java.io.IOException;
import java.util.Locale;

/**
 * The JSON the CLI prints with {@code -o json}: ISO-8601 instants, empty optionals as null, consumers as
 * {@code kind:name} and enum constants as the lower-case ids the rest of the CLI shows (ready, published-ports).
 */
final class JsonFormat {
    private final ObjectMapper mapper;

    private JsonFormat() {
        SimpleModule spelling = new SimpleModule("sandboxer-cli")
                .addSerializer(Consumer.class, new ToStringSerializer<>())
                .addSerializer(Enum.class, new LowerCaseEnumSerializer());
        this.mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(spelling)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    static ObjectMapper mapper() {
        return new JsonFormat().mapper;
    }

    static String pretty(Object value) {
        try {
            return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** One value on one line, for JSON-lines streams such as events. */
    static String line(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnumSerializer extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }
}
