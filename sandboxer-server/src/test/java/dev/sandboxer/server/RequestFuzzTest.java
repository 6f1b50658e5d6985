package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws malformed requests at every route: random and mutated bodies, content types, query strings, paths
 * and raw request lines. Whatever arrives, the answer is never a 5xx and every error is a problem+json body.
 * Seeded, so a failure reproduces: run again with {@code -Dsandboxer.fuzz.seed=N} (the seed is in the message).
 * (A plain seeded generator rather than jqwik: see the module's report on jqwik 1.10's usage clause.)
 */
class RequestFuzzTest {
    private static final long SEED = Long.getLong("sandboxer.fuzz.seed", System.nanoTime());
    /** {@code -Dsandboxer.fuzz.scale=20} for a longer hunt than the build's. */
    private static final int SCALE = Integer.getInteger("sandboxer.fuzz.scale", 1);
    private static final String JSONISH = "{}[]\",:0123456789.-+eE abcnulltruefalse\\\u0000\u00e9\ud83d\ude00\n\t";
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "APPLICATION/JSON", "application/yaml", "text/plain", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "", ";;;", "application/json; charset=latin1", "*/*");
    private static final List<String> FIELDS = List.of("profile", "inputs", "project", "ttl", "labels", "by", "argv",
            "env", "timeout", "service", "consumer", "projects", "name");
    private static final List<String> VALID_BODIES = List.of(
            "{\"profile\":\"echo\",\"inputs\":{\"name\":\"fuzz\"},\"project\":\"p1\",\"ttl\":\"5m\"}",
            "{\"by\":\"1m\"}", "{\"argv\":[\"echo\",\"hi\"],\"env\":{\"A\":\"b\"},\"timeout\":\"1m\"}",
            "{\"consumer\":\"agt:fuzz\",\"projects\":[\"p9\"]}");

    private final TestServer t = TestServer.get();
    private final Random random = new Random(SEED);

    @Test
    void bodiesAndContentTypesNeverBreakTheServer() throws IOException {
        String sandbox = readySandbox();
        List<SandboxerServer.Route> routes = t.server.routes().stream()
                .filter(r -> !r.method().equals("GET")).toList();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300 * SCALE; i++) {
            SandboxerServer.Route route = routes.get(random.nextInt(routes.size()));
            String path = route.path().replace("{id}", random.nextInt(4) == 0 ? junkSegment() : sandbox)
                    .replace("{ref}", "echo").replace("{project}", "fuzz").replace("{extension}", "reference")
                    .replace("{name}", "fuzz-host");
            byte[] body = body();
            String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            String what = route.method() + " " + path + " [" + type + "] " + preview(body);
            // One connection per request, so nothing a previous request did to a pooled connection shows here.
            String head = route.method() + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + t.admin + "\r\n" + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            byte[] request = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
            System.arraycopy(body, 0, request, head.length(), body.length);
            RawReply reply = raw(request);
            check(what, new Api.Reply(reply.status(), Map.of("content-type", List.of(reply.contentType())),
                    reply.body()), failures);
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    @Test
    void queryStringsNeverBreakTheServer() {
        String sandbox = readySandbox();
        List<SandboxerServer.Route> routes = t.server.routes().stream()
                .filter(r -> r.method().equals("GET")).toList();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 200 * SCALE; i++) {
            SandboxerServer.Route route = routes.get(random.nextInt(routes.size()));
            StringBuilder query = new StringBuilder();
            for (int p = random.nextInt(4); p >= 0; p--) {
                String name = random.nextBoolean() ? pick(List.of("project", "consumer", "state", "profile", "label",
                        "limit", "cursor", "all", "after", "sandbox", "allVersions", "wait", "from", "to", "format", "refresh", "history"))
                        : junkText(8);
                query.append(query.isEmpty() ? "?" : "&").append(encode(name)).append('=').append(encode(value()));
            }
            String path = route.path().replace("{id}", sandbox).replace("{ref}", "echo").replace("{project}", "fuzz")
                    .replace("{extension}", "reference").replace("{name}", "fuzz-host") + query;
            // No Accept: text/event-stream here; a stream would not end.
            check("GET " + path, t.api.get(path, t.admin), failures);
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    @Test
    void rawRequestLinesPathsAndHeadersNeverBreakTheServer() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 150 * SCALE; i++) {
            String method = pick(List.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "BREW", "G E T"));
            String path = rawPath();
            String extra = random.nextInt(5) == 0 ? pick(List.of("X-Junk\r\n", "Content-Length: -1\r\n",
                    "Content-Length: 99999999999\r\n", "Transfer-Encoding: chunked\r\n",
                    "X-Long: " + "a".repeat(20_000) + "\r\n", "Authorization: Bearer \u00ff\u00fe\r\n")) : "";
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + t.admin + "\r\n" + extra + "Connection: close\r\n\r\n";
            RawReply reply = raw(request.getBytes(StandardCharsets.ISO_8859_1));
            String what = method + " " + preview(path.getBytes(StandardCharsets.ISO_8859_1)) + " " + extra.strip();
            if (reply.status() >= 500 || reply.status() < 100) {
                failures.add(what + " -> " + reply.status() + " " + reply.body());
            } else if (reply.status() >= 400 && !method.equals("HEAD") && !isProblem(reply.contentType(), reply.body())) {
                failures.add(what + " -> " + reply.status() + " without a problem body: " + reply.contentType()
                        + " " + preview(reply.body().getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    private void check(String what, Api.Reply reply, List<String> failures) {
        if (reply.status() >= 500 || reply.status() < 100) {
            failures.add(what + " -> " + reply);
        } else if (reply.status() >= 400 && !isProblem(reply.contentType(), reply.body())) {
            failures.add(what + " -> " + reply.status() + " without a problem body: " + reply.body());
        } else if (reply.body().contains("Exception") || reply.body().contains("\tat ")) {
            failures.add(what + " -> shows internals: " + reply.body());
        }
    }

    private static boolean isProblem(String contentType, String body) {
        if (!contentType.startsWith(Problem.MEDIA_TYPE)) {
            return false;
        }
        try {
            JsonNode problem = Api.JSON.readTree(body);
            return problem.hasNonNull("code") && problem.hasNonNull("status") && problem.hasNonNull("detail");
        } catch (IOException e) {
            return false;
        }
    }

    private String readySandbox() {
        Api.Reply created = t.api.post("/v1/sandboxes?wait=true", t.admin, Map.of("profile", "echo",
                "inputs", Map.of("name", "fuzz"), "project", "p1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private byte[] body() {
        return switch (random.nextInt(7)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1, 2 -> mutate(pick(VALID_BODIES)).getBytes(StandardCharsets.UTF_8);
            case 3 -> randomJson(0).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[".repeat(random.nextInt(5000)) + "]".repeat(random.nextInt(3))).getBytes(StandardCharsets.UTF_8);
            case 5 -> random.nextInt(20) == 0 ? new byte[Bodies.LIMIT + 1] : new byte[0];
            default -> pick(VALID_BODIES).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String mutate(String valid) {
        StringBuilder text = new StringBuilder(valid);
        for (int edits = 1 + random.nextInt(4); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, JSONISH.charAt(random.nextInt(JSONISH.length())));
                default -> text.setCharAt(at, JSONISH.charAt(random.nextInt(JSONISH.length())));
            }
        }
        return text.toString();
    }

    private String randomJson(int depth) {
        int choice = depth > 4 ? 4 + random.nextInt(4) : random.nextInt(8);
        return switch (choice) {
            case 0, 1 -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    String key = random.nextBoolean() ? pick(FIELDS) : junkText(6);
                    object.append(object.length() > 1 ? "," : "").append(quote(key)).append(':')
                            .append(randomJson(depth + 1));
                }
                yield object.append('}').toString();
            }
            case 2 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(array.length() > 1 ? "," : "").append(randomJson(depth + 1));
                }
                yield array.append(']').toString();
            }
            case 3 -> "null";
            case 4 -> quote(value());
            case 5 -> pick(List.of("0", "-1", "1e999999", "9223372036854775808", "3.14", "-0"));
            case 6 -> pick(List.of("true", "false"));
            default -> quote(pick(List.of("echo", "p1", "30m", "agt:x", "sb-missing", "")));
        };
    }

    private String value() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> pick(List.of("true", "false", "", "ready", "echo", "30m", "0", "-5", "1001", "agt:x", "k=v"));
            case 2 -> "x".repeat(random.nextInt(3000));
            default -> junkText(12);
        };
    }

    private String junkText(int max) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            text.appendCodePoint(random.nextInt(3) == 0 ? 0x20 + random.nextInt(0x2000) : 'a' + random.nextInt(26));
        }
        return text.toString();
    }

    private String junkSegment() {
        return encode(junkText(20));
    }

    /** Paths as they arrive on the wire: bad escapes, encoded slashes, dot segments, raw high bytes, long. */
    private String rawPath() {
        String base = pick(List.of("/v1/sandboxes", "/v1/sandboxes/x", "/v1/events", "/healthz", "/v1/profiles/echo",
                "/v1/tokens/x", "/v1/operations/op-x", "", "*"));
        String tail = switch (random.nextInt(9)) {
            case 0 -> "/%zz";
            case 1 -> "/a%2Fb";
            case 2 -> "/../../etc/passwd";
            case 3 -> "//" + "x".repeat(random.nextInt(20_000));
            case 4 -> "/%00";
            case 5 -> "/\u00ff\u00e9";
            case 6 -> "?" + "a=%".repeat(random.nextInt(3) + 1);
            case 7 -> "/;jsessionid=x";
            default -> "/" + junkSegment();
        };
        return base + tail;
    }

    private record RawReply(int status, String contentType, String body) {
    }

    private RawReply raw(byte[] request) throws IOException {
        try (Socket socket = new Socket(t.server.uri().getHost(), t.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Written alongside the read: the server may answer and close before reading everything (413, 431).
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // The answer, if any, is read below.
                }
            });
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                in.transferTo(bytes);
            } catch (IOException e) {
                // A reset after the answer still leaves the answer.
            }
            writer.interrupt();
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return new RawReply(0, "", "(connection closed without an answer)");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String contentType = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).strip()).findFirst().orElse("");
            String body = split < 0 ? "" : new String(text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            return new RawReply(status, contentType, body);
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1);
        return text.replaceAll("\\p{Cntrl}", "?") + (bytes.length > 80 ? "… (" + bytes.length + " bytes)" : "");
    }
}
