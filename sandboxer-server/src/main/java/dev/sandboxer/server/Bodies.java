package dev.sandboxer.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads request bodies: the size limit first (without reading past it), then the content type, then strict
 * JSON into a request record. Every way a body can be wrong becomes a 4xx problem naming the field.
 */
final class Bodies {
    /** 1 MiB: every request this API takes is small; a profile file is the largest. */
    static final int LIMIT = 1024 * 1024;
    static final String JSON = "application/json";
    static final Set<String> YAML = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");
    /** Jackson's messages point at the source with text that means nothing to an API client. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker at )?\\[Source:.*$", Pattern.DOTALL);

    private Bodies() {
    }

    /** The body as a record of {@code type}; a missing or empty body is a 400, since these routes need one. */
    static <T> T json(Context ctx, Class<T> type) {
        byte[] bytes = bytes(ctx, Set.of(JSON), JSON);
        if (bytes.length == 0) {
            throw ApiError.badRequest("missing-body", "this route needs a JSON object as its body", "", null);
        }
        try {
            T value = ApiJson.READER.readValue(bytes, type);
            if (value == null) {
                throw ApiError.badRequest("invalid-body", "the body must be a JSON object, not null", "", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = e.getKnownPropertyIds() == null ? Set.of() : e.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
            throw ApiError.badRequest("unknown-field", "unknown field '" + clip(e.getPropertyName()) + "'",
                    "known fields: " + String.join(", ", known), path(e));
        } catch (InvalidNullException e) {
            throw ApiError.badRequest("invalid-field", "null is not allowed here", "leave the entry out instead",
                    path(e));
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw ApiError.badRequest("malformed-json", "the body has more after its JSON object",
                        "send one JSON object", null);
            }
            String wanted = e.getTargetType() == null ? "another type" : kind(e.getTargetType());
            throw ApiError.badRequest(path(e) == null ? "invalid-body" : "invalid-field",
                    (path(e) == null ? "the body" : "field '" + path(e) + "'") + " must be " + wanted, "", path(e));
        } catch (StreamReadException e) {
            throw ApiError.badRequest("malformed-json", "the body is not valid JSON" + where(e) + ": "
                    + clip(SOURCE.matcher(e.getOriginalMessage()).replaceAll("")), "send one JSON object", null);
        } catch (JsonMappingException e) {
            throw ApiError.badRequest("invalid-field", "the body does not fit: " + clip(e.getOriginalMessage()), "",
                    path(e));
        } catch (JacksonException e) {
            throw ApiError.badRequest("malformed-json", "the body is not valid JSON", "send one JSON object", null);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid-body", "the body could not be read", "", null);
        }
    }

    /** The raw body, after checking its size and that its content type is one of {@code accepted}. */
    static byte[] bytes(Context ctx, Set<String> accepted, String preferred) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > LIMIT) {
            throw ApiError.tooLarge(LIMIT);
        }
        String type = mediaType(ctx.header("Content-Type"));
        if (!accepted.contains(type)) {
            throw ApiError.unsupportedMediaType(type.isEmpty() ? "the request has no Content-Type"
                    : "Content-Type " + clip(type) + " is not accepted here", preferred);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(LIMIT + 1);
            if (bytes.length > LIMIT) {
                throw ApiError.tooLarge(LIMIT);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.badRequest("invalid-body", "the body could not be read", "", null);
        }
    }

    private static String where(StreamReadException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** {@code inputs.name}, {@code argv[2]}: where in the body the problem is; null for the body itself. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(clip(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Request text echoed in an answer stays short: enough to recognise, never a megabyte back. */
    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
