package dev.sandboxer.server;

import io.javalin.security.RouteRole;

/** Who may call a route; attached to every route when it is registered and checked before it runs. */
public enum Access implements RouteRole {
    /** No token: health, readiness, metrics and the API document. */
    PUBLIC,
    /** Any valid token; what it sees is narrowed to its projects. */
    CONSUMER,
    /** {@code adm} tokens only: tokens, reap, doctor. */
    OPERATOR
}
