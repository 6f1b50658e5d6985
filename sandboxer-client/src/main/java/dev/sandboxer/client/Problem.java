package dev.sandboxer.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.error.SandboxerException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 9457 problem as the server sends it, and the exception an embedded caller would have got for it:
 * the code, message and hint travel unchanged, so a caller (or the CLI) cannot tell the two apart.
 *
 * @param field       for validation problems, the request field at fault
 * @param diagnostics for failed provisions, the backend's reason and log tail
 * @param sandboxId   for failed provisions, the sandbox recorded as failed
 */
record Problem(int status, String code, String title, String detail, String hint, Optional<String> field,
               String diagnostics, Optional<String> sandboxId) {
    private static final Pattern NOT_FOUND = Pattern.compile("(?s)(.+) not found");
    private static final Pattern SANDBOX = Pattern.compile("\\b(sb-[a-z0-9]+)\\b");

    static Problem read(int status, JsonNode body) {
        String code = text(body, "code").or(() -> text(body, "type").map(t -> t.substring(t.lastIndexOf('/') + 1)))
                .orElse("http-" + status);
        String title = text(body, "title").orElse("");
        String detail = text(body, "detail").orElse(title.isBlank() ? "HTTP " + status : title);
        return new Problem(status, code, title, detail, text(body, "hint").orElse(""), text(body, "field"),
                text(body, "diagnostics").orElse(""), text(body, "sandboxId").or(() -> text(body, "sandbox")));
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode value = body.path(name);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The exception this problem stands for; the status decides where a code is unfamiliar. */
    RuntimeException toException() {
        return switch (code) {
            case "not-found" -> notFound();
            case "backend-unavailable" -> new SandboxerException.Unavailable(detail, hint);
            case "provision-failed" -> new SandboxerException.ProvisionFailed(failedSandbox(), detail, diagnostics,
                    null);
            case "unauthenticated", "forbidden" -> new ClientException.AccessDenied(status, code, detail, hint);
            default -> byStatus();
        };
    }

    private RuntimeException byStatus() {
        return switch (status) {
            case 401, 403 -> new ClientException.AccessDenied(status, code, detail, hint);
            case 404 -> notFound();
            case 409 -> new SandboxerException.Conflict(code, detail, hint);
            case 502 -> new SandboxerException.ProvisionFailed(failedSandbox(), detail, diagnostics, null);
            case 503 -> new SandboxerException.Unavailable(detail, hint);
            default -> status >= 400 && status < 500 ? new SandboxerException.Invalid(code, detail, hint)
                    : new ClientException.UnexpectedAnswer(status, "server error " + status + ": " + detail);
        };
    }

    /** With the server's hint when it gave one (what to list to find the right id), else the usual one. */
    private SandboxerException.NotFound notFound() {
        return hint == null || hint.isBlank() ? new SandboxerException.NotFound(notFoundSubject())
                : new SandboxerException.NotFound(notFoundSubject(), hint);
    }

    /** NotFound words its own message ("X not found"); the subject is what the server's detail names. */
    private String notFoundSubject() {
        Matcher matcher = NOT_FOUND.matcher(detail);
        return matcher.matches() ? matcher.group(1) : detail;
    }

    private String failedSandbox() {
        return sandboxId.orElseGet(() -> {
            Matcher matcher = SANDBOX.matcher(detail);
            return matcher.find() ? matcher.group(1) : "(unknown)";
        });
    }
}
