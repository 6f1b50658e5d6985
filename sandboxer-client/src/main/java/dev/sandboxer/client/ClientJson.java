package dev.sandboxer.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sandboxer.core.model.Consumer;
import java.io.IOException;
import java.util.Locale;

/**
 * The JSON of the wire: ISO-8601 instants, optionals as value-or-null, consumers as {@code kind:name}, enum
 * constants as their lower-case ids ({@code ready}, {@code published-ports}). Unknown fields are ignored, so a
 * newer server can add fields without breaking older clients.
 */
final class ClientJson {
    private ClientJson() {
    }

    static ObjectMapper mapper() {
        SimpleModule spelling = new SimpleModule("sandboxer-client")
                .addSerializer(Consumer.class, new ConsumerText())
                .addDeserializer(Consumer.class, new ConsumerReader())
                .setDeserializerModifier(new LenientEnums());
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(spelling)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    private static final class ConsumerText extends JsonSerializer<Consumer> {
        @Override
        public void serialize(Consumer value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** {@code "agt:bot"}, or the record's own shape {@code {"kind":"AGT","name":"bot"}}. */
    private static final class ConsumerReader extends JsonDeserializer<Consumer> {
        @Override
        public Consumer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            try {
                if (node.isTextual()) {
                    return Consumer.parse(node.asText());
                }
                return new Consumer(Consumer.Kind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT)),
                        node.path("name").asText());
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(Consumer.class, "not a consumer: %s (%s)", node, e.getMessage());
            }
        }
    }

    /** Accepts {@code published-ports}, {@code PUBLISHED_PORTS} and anything in between for every enum. */
    private static final class LenientEnums extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description, JsonDeserializer<?> standard) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> enumType = (Class<Enum>) type.getRawClass();
            return new JsonDeserializer<Enum<?>>() {
                @Override
                @SuppressWarnings("unchecked")
                public Enum<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    String text = parser.getValueAsString();
                    try {
                        return Enum.valueOf(enumType, text.toUpperCase(Locale.ROOT).replace('-', '_'));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        return (Enum<?>) context.handleWeirdStringValue(enumType, text, "not one of %s",
                                java.util.Arrays.toString(enumType.getEnumConstants()));
                    }
                }
            };
        }
    }
}
