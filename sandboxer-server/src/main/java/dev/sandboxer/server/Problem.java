package dev.sandboxer.server;

import dev.sandboxer.core.access.Tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem body. {@code code} is the stable machine code clients branch on; {@code type} is the
 * same code as a URI. The members after {@code hint} appear only when they say something.
 *
 * @param field       for a request error, the field (JSON path, query parameter or header) that is wrong
 * @param diagnostics for a failed provision, the backend's reason and log tail (secret values redacted)
 * @param sandbox     for a failed provision, the sandbox that is now recorded {@code failed}
 * @param errorId     for an internal error, the id under which the server logged it
 */
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "hint", "field", "diagnostics", "sandbox",
    "errorId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String code, String hint, String field,
               String diagnostics, String sandbox, String errorId) {
    static final String TYPE_BASE = "https://sandboxer.dev/problems/";
    static final String MEDIA_TYPE = "application/problem+json";

    /** A problem may quote the request (a path segment, a value); a token secret in it never goes back out. */
    Problem {
        detail = Tokens.redact(detail);
        hint = Tokens.redact(hint);
        diagnostics = Tokens.redact(diagnostics);
    }

    static Problem of(int status, String code, String title, String detail, String hint) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, hint == null ? "" : hint, null, null,
                null, null);
    }

    Problem withField(String name) {
        return new Problem(type, title, status, detail, code, hint, name, diagnostics, sandbox, errorId);
    }

    Problem withDiagnostics(String text, String sandboxId) {
        return new Problem(type, title, status, detail, code, hint, field, text, sandboxId, errorId);
    }

    Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, code, hint, field, diagnostics, sandbox, id);
    }
}
