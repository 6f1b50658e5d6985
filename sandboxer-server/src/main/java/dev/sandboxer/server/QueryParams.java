package dev.sandboxer.server;

import dev.sandboxer.core.profile.Durations;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Query parameters, read strictly: a parameter a route does not know is refused, so a typo such as
 * {@code ?states=ready} is a 400 rather than a silently unfiltered answer.
 */
final class QueryParams {
    private QueryParams() {
    }

    static void allowOnly(Context ctx, String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("unknown-parameter", "unknown query parameter '" + Bodies.clip(name) + "'",
                        allowed.isEmpty() ? "this route takes no query parameters"
                                : "known parameters: " + String.join(", ", new java.util.TreeSet<>(allowed)), name);
            }
        }
    }

    static Optional<String> one(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiError.badRequest("invalid-parameter", "query parameter '" + name + "' is given more than once",
                    "give it once", name);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    static boolean bool(Context ctx, String name) {
        return one(ctx, name).map(value -> switch (value) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest("invalid-parameter", "query parameter '" + name + "' must be true "
                    + "or false", "", name);
        }).orElse(false);
    }

    static long number(Context ctx, String name, long fallback, long min, long max) {
        Optional<String> text = one(ctx, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw ApiError.badRequest("invalid-" + name, "query parameter '" + name + "' must be a whole number in "
                + min + ".." + max, "", name);
    }

    static Optional<Duration> duration(Context ctx, String name) {
        return one(ctx, name).map(text -> Durations.parse(text).orElseThrow(() -> ApiError.badRequest(
                "invalid-duration", "query parameter '" + name + "' must be a duration such as 30s, 5m or 1h30m",
                "", name)));
    }
}
