package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.access.Tokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every matched route: finds the principal behind the bearer token and holds the route's
 * {@link Access} against it. A route registered without an access level is treated as needing a token, so
 * forgetting one fails closed. Whether a token is malformed, unknown or revoked is not told apart in the
 * answer: that would help someone guessing.
 */
final class Authentication implements Handler {
    private static final String PRINCIPAL = "sandboxer.principal";
    private static final String BEARER = "bearer ";

    private final Tokens tokens;

    Authentication(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiError.unauthenticated("this route needs a bearer token");
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiError.unauthenticated("the Authorization header must be 'Bearer <token>'");
        }
        Principal principal = tokens.authenticate(header.substring(BEARER.length()).strip())
                .orElseThrow(() -> ApiError.unauthenticated("the token is not valid (unknown, revoked or malformed)"));
        if (roles.contains(Access.OPERATOR) && !principal.operator()) {
            throw ApiError.forbidden("this route is for operators (adm tokens); " + principal.consumer() + " is "
                    + principal.consumer().kind().id(), "ask an operator");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The principal of an authenticated request; only routes that need a token may ask. */
    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route " + ctx.endpoint().path + " asked for a principal it never needed");
        }
        return principal;
    }

    /** The consumer to show in the access log, when the request got that far. */
    static String consumerOf(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        return principal == null ? "-" : principal.consumer().toString();
    }
}
