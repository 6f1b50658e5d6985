package dev.sandboxer.server;

import io.javalin.http.Context;

/** Writes JSON answers with the API's spelling ({@link ApiJson}). */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {
    }

    static void json(Context ctx, Object value) {
        ctx.contentType(JSON).result(ApiJson.bytes(value));
    }
}
