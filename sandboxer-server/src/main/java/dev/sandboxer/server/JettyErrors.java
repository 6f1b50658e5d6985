package dev.sandboxer.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches a route: an unparseable request line or header, an
 * ambiguous or undecodable path, a request refused while the server shuts down. Jetty would answer these
 * with an HTML page; the API promises problem+json for every error, and never the server's internals.
 */
final class JettyErrors extends ErrorHandler {

    /** Jetty writes error bodies for GET and POST only; the API promises one whatever the method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = ApiJson.bytes(problem(code));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(ApiJson.bytes(problem(status)));
    }

    /** Jetty's own reason texts can echo request bytes back; the status' standard phrase is enough. */
    static Problem problem(int status) {
        int code = status >= 400 && status < 600 ? status : 400;
        String phrase = HttpStatus.getMessage(code);
        return switch (code) {
            case 404 -> Problem.of(code, "not-found", phrase, "no such resource", "see /openapi.yaml for the routes");
            case 413 -> Problem.of(code, "body-too-large", phrase, "the request is too large", "send at most 1 MiB");
            case 431 -> Problem.of(code, "headers-too-large", phrase, "the request headers are too large",
                    "send smaller headers");
            case 503 -> Problem.of(code, "shutting-down", phrase, "the server is shutting down",
                    "retry against a running server");
            default -> code >= 500
                    ? Problem.of(code, "internal", phrase, "the server could not handle the request", "")
                    : Problem.of(code, "bad-request", phrase, "the request is malformed: " + phrase.toLowerCase(
                            java.util.Locale.ROOT), "check the request line, path encoding and headers");
        };
    }
}
