package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxer.server.SandboxerServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Everything the CLI can do, the API can do, and the reverse. Every CLI verb is run against a real server
 * (remote mode) and the routes it reached are read from the server's access log; the test fails when a verb
 * is missing from the script below (a new verb), when a verb reaches no route (it did not go over HTTP), or
 * when the server registers a route that no verb reaches and that is not one of the few listed operational
 * routes (a route without a CLI verb).
 */
class VerbRouteParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Routes that are not verbs: for probes, scrapers and tooling, each with the reason it has no CLI verb. */
    private static final Map<String, String> NOT_VERBS = Map.of(
            "GET /healthz", "liveness probe for process supervisors",
            "GET /readyz", "readiness probe for load balancers",
            "GET /metrics", "Prometheus scrape",
            "GET /openapi.yaml", "the API's own contract, for client generators");

    /** Verbs that cannot have a route, and why. */
    private static final Map<String, String> LOCAL_ONLY = Map.of(
            "serve", "it is the server");

    @TempDir
    Path home;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home, TestSandboxer.Mode.REMOTE);
        cli.profile("echo.yaml", TestProfiles.ECHO);
        cli.env("SANDBOXER_KEY_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        cli.env("PARITY_KEY", "sk-parity-not-a-real-key");
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void everyVerbHasARouteAndEveryRouteAVerb() throws IOException {
        Path profileFile = Files.writeString(home.resolve("to-validate.yaml"),
                TestProfiles.ECHO.replace("id: echo", "id: echo-next"));
        String id = ok("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        Map<String, Function<VerbRouteParityTest, CliRun>> script = new LinkedHashMap<>();
        script.put("create", t -> t.ok("create", "--profile", "echo", "--input", "name=bob"));
        script.put("list", t -> t.ok("list"));
        script.put("describe", t -> t.ok("describe", id));
        script.put("operations", t -> t.ok("operations", id));
        script.put("operation", t -> {
            String operationId = t.json(t.ok("operations", id, "-o", "json")).get(0).get("id").asText();
            return t.ok("operation", operationId);
        });
        script.put("exec", t -> t.ok("exec", id, "--", "echo", "hi"));
        script.put("extend", t -> t.ok("extend", id, "--by", "5m"));
        script.put("events", t -> {
            t.ok("events", "--sandbox", id);
            return t.ok("events");
        });
        script.put("recreate", t -> t.ok("recreate", id));
        script.put("destroy", t -> t.ok("destroy", id));
        script.put("reap", t -> t.ok("reap"));
        script.put("reconcile", t -> t.ok("reconcile", "--dry-run"));
        script.put("estimate", t -> t.ok("estimate", "--profile", "echo", "--input", "name=ada", "--ttl", "1h"));
        script.put("credits grant", t -> t.ok("credits", "grant", "--project", "default", "--amount", "500"));
        script.put("credits balance", t -> t.ok("credits", "balance", "--project", "default"));
        script.put("credits statement", t -> t.ok("credits", "statement", "--project", "default"));
        script.put("credits export", t -> t.ok("credits", "export", "--project", "default"));
        // Whether a refund is allowed depends on what was charged; either answer comes from its route.
        script.put("credits refund", t -> t.cli.run("credits", "refund", "--project", "default", "--sandbox", id,
                "--amount", "1"));
        script.put("keys set", t -> t.ok("keys", "set", "--project", "default", "--extension", "reference",
                "--key-env", "PARITY_KEY"));
        script.put("keys list", t -> t.ok("keys", "list", "--project", "default"));
        script.put("keys rotate", t -> t.ok("keys", "rotate"));
        script.put("keys remove", t -> t.ok("keys", "remove", "--project", "default", "--extension", "reference"));
        script.put("profiles list", t -> t.ok("profiles", "list"));
        script.put("profiles show", t -> t.ok("profiles", "show", "echo"));
        script.put("profiles validate", t -> t.ok("profiles", "validate", profileFile.toString()));
        script.put("extensions list", t -> t.ok("extensions", "list"));
        script.put("doctor", t -> t.cli.run("doctor"));
        script.put("version", t -> t.ok("version"));
        script.put("tokens create", t -> t.ok("tokens", "create", "--consumer", "agt:parity", "--project", "p1"));
        script.put("tokens list", t -> t.ok("tokens", "list"));
        script.put("tokens revoke", t -> {
            // The one made above: revoking whichever is listed first could be the token this test runs with.
            String token = java.util.stream.StreamSupport.stream(t.json(t.ok("tokens", "list", "-o", "json"))
                    .spliterator(), false).filter(tk -> tk.path("consumer").asText().equals("agt:parity"))
                    .map(tk -> tk.path("id").asText()).findFirst().orElseThrow();
            return t.ok("tokens", "revoke", token);
        });

        // A host on a closed port: its verbs still answer from their routes (inspect and list record it stale).
        Path key = Files.writeString(home.resolve("parity-key"), "not a key\n");
        String fingerprint = "SHA256:" + "p".repeat(43);
        cli.plane().hosts().add(new dev.sandboxer.core.model.Host("parity", "127.0.0.1", 1, "root", key.toString(),
                fingerprint, "/var/lib/sandboxer", new dev.sandboxer.core.model.Host.Capacity(1000, 512, 1),
                Map.of(), dev.sandboxer.core.model.Host.State.ACTIVE, java.time.Instant.now()));
        // Adding a host nobody answers for is refused by its route (503, nothing stored).
        script.put("hosts add", t -> {
            CliRun run = t.cli.run("hosts", "add", "unreachable", "--address", "127.0.0.1", "--port", "1", "--key",
                    key.toString(), "--accept-fingerprint", fingerprint);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
            return run;
        });
        script.put("hosts list", t -> t.ok("hosts", "list", "--refresh"));
        script.put("hosts inspect", t -> t.ok("hosts", "inspect", "parity"));
        script.put("hosts drain", t -> t.ok("hosts", "drain", "parity"));
        script.put("hosts activate", t -> t.ok("hosts", "activate", "parity"));
        script.put("hosts remove", t -> t.ok("hosts", "remove", "parity"));

        Set<String> verbs = leafVerbs(Main.commandLine(CliEnvironment.standard(Map.of())), "");
        verbs.removeAll(LOCAL_ONLY.keySet());
        assertThat(script.keySet()).as("every CLI verb is exercised here (a new verb needs a route and a line)")
                .containsExactlyInAnyOrderElementsOf(verbs);

        Map<String, Set<String>> reached = new LinkedHashMap<>();
        for (var verb : script.entrySet()) {
            int before = cli.accessLog.size();
            verb.getValue().apply(this);
            reached.put(verb.getKey(), routesIn(cli.accessLog.subList(before, cli.accessLog.size())));
        }
        assertThat(reached).allSatisfy((verb, routes) -> assertThat(routes).as("routes reached by '%s'", verb)
                .anyMatch(route -> route.contains(" /v1/")));

        Set<String> registered = cli.server().routes().stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> reachedByAVerb = reached.values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> withoutVerb = new TreeSet<>(registered);
        withoutVerb.removeAll(reachedByAVerb);
        assertThat(withoutVerb).as("routes no CLI verb reaches (give them a verb, or list them in NOT_VERBS)")
                .containsExactlyInAnyOrderElementsOf(NOT_VERBS.keySet());
        assertThat(registered).as("every route a verb reached is registered").containsAll(reachedByAVerb);
    }

    private CliRun ok(String... args) {
        CliRun run = cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private JsonNode json(CliRun run) {
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError(run.toString(), e);
        }
    }

    /** "METHOD /route/{template}" of each access-log line. */
    private static Set<String> routesIn(List<String> lines) {
        Set<String> routes = new TreeSet<>();
        for (String line : lines) {
            try {
                JsonNode entry = JSON.readTree(line);
                if (entry.has("route") && entry.has("method")) {
                    routes.add(entry.get("method").asText() + " " + entry.get("route").asText());
                }
            } catch (IOException e) {
                throw new AssertionError("access log line is not JSON: " + line, e);
            }
        }
        return routes;
    }

    /** "create", "profiles list", …: the commands that do something (groups only hold verbs). */
    private static Set<String> leafVerbs(CommandLine command, String prefix) {
        Set<String> verbs = new TreeSet<>();
        List<CommandLine> children = new ArrayList<>(command.getSubcommands().values().stream().distinct().toList());
        for (CommandLine child : children) {
            String name = prefix.isEmpty() ? child.getCommandName() : prefix + " " + child.getCommandName();
            if (child.getSubcommands().isEmpty()) {
                verbs.add(name);
            } else {
                verbs.addAll(leafVerbs(child, name));
            }
        }
        return verbs;
    }
}
