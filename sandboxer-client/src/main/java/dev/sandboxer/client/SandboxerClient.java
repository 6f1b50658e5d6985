package dev.sandboxer.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A sand-boxer server, as a Java object: every verb of {@code docs/http-api.md}, answering with the same
 * records ({@link Sandbox}, {@link SandboxDescription}, {@link Operation}) and failing with the same
 * {@link SandboxerException}s as the embedded engine. What only a remote caller can meet (a bad token, a
 * server that is not there) is a {@link ClientException}. Thread-safe; one client per server and token.
 *
 * <pre>{@code
 * try (SandboxerClient sandboxer = SandboxerClient.builder().baseUrl("http://127.0.0.1:7780")
 *         .token(System.getenv("SANDBOXER_TOKEN")).build()) {
 *     Sandbox sandbox = sandboxer.createReady(SandboxRequest.of("compose-e2e").project("p1"), Duration.ofMinutes(5));
 *     ...
 *     sandboxer.destroy(sandbox.id());
 * }
 * }</pre>
 */
public final class SandboxerClient implements AutoCloseable {
    private static final TypeReference<Sandbox> SANDBOX = new TypeReference<>() { };
    private static final TypeReference<List<Sandbox>> SANDBOXES = new TypeReference<>() { };
    private static final TypeReference<Operation> OPERATION = new TypeReference<>() { };
    private static final TypeReference<List<Operation>> OPERATIONS = new TypeReference<>() { };
    private static final TypeReference<List<CloudEvent>> EVENTS = new TypeReference<>() { };
    private static final TypeReference<JsonNode> TREE = new TypeReference<>() { };
    private static final int CREATED = 201;
    private static final String SANDBOXES_PATH = "v1/sandboxes";

    private final Exchange exchange;
    private final int maxReconnects;
    private final Tokens tokens;
    private final Costs costs;
    private final Hosts hosts;
    private final ServerCatalog catalog;

    SandboxerClient(Exchange exchange, int maxReconnects) {
        this.exchange = exchange;
        this.maxReconnects = maxReconnects;
        this.tokens = new Tokens(exchange);
        this.costs = new Costs(exchange);
        this.hosts = new Hosts(exchange);
        this.catalog = new ServerCatalog(exchange);
    }

    public static SandboxerClientBuilder builder() {
        return new SandboxerClientBuilder();
    }

    /** The server's base URL. */
    public String baseUrl() {
        return exchange.base().toString();
    }

    // ---------------------------------------------------------------- create

    /** Records the sandbox and returns at once (HTTP 202); it is provisioned in the background. */
    public Accepted create(SandboxRequest request) {
        return create(request, Optional.empty());
    }

    /**
     * Creates and waits up to {@code wait} for it to be ready. A failed provision throws
     * {@link SandboxerException.ProvisionFailed} with the backend's diagnostics; when the time passes first,
     * the answer is not {@link Accepted#settled() settled} and carries the operation to poll.
     */
    public Accepted create(SandboxRequest request, Duration wait) {
        return create(request, Optional.of(wait));
    }

    private Accepted create(SandboxRequest request, Optional<Duration> wait) {
        Query query = Query.of();
        wait.ifPresent(w -> query.add("wait", "true").add("timeout", DurationText.format(w)));
        Map<String, String> headers = request.idempotencyKey().map(k -> Map.of("Idempotency-Key", k))
                .orElse(Map.of());
        Exchange.Answer answer = exchange.send("POST", SANDBOXES_PATH, query, request.body(), headers,
                wait.orElse(Duration.ZERO));
        if (answer.status() == CREATED) {
            return new Accepted(exchange.read(answer, SANDBOX), Optional.empty());
        }
        JsonNode body = exchange.read(answer, TREE);
        return new Accepted(exchange.json().convertValue(body.path("sandbox"), Sandbox.class),
                Optional.ofNullable(exchange.json().convertValue(body.get("operation"), Operation.class)));
    }

    /**
     * Creates and returns the sandbox once it is ready, as the embedded {@code create} does: the server waits
     * as long as it will, and if that is not long enough the client follows the sandbox's events for the rest
     * of {@code timeout}.
     *
     * @throws SandboxerException.ProvisionFailed when it failed (it is recorded as failed, nothing is left)
     * @throws ClientException.Unreachable        when {@code timeout} passed before it settled
     */
    public Sandbox createReady(SandboxRequest request, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Accepted accepted = create(request, timeout);
        Sandbox sandbox = Settling.settled(accepted.sandbox()) ? accepted.sandbox()
                : awaitSettled(accepted.sandbox().id(), Duration.between(Instant.now(), deadline));
        if (!Settling.settled(sandbox)) {
            throw stillProvisioning(sandbox, timeout);
        }
        if (sandbox.state() == SandboxState.FAILED && accepted.operation().isPresent()) {
            throw Settling.failure(sandbox);
        }
        return sandbox;
    }

    /**
     * Creates and returns the sandbox once it is ready, handing each of its events to {@code listener} as it
     * happens (requested, provisioning, ready...): for showing progress. Fails as {@link #createReady} does.
     */
    public Sandbox createReady(SandboxRequest request, Duration timeout, Consumer<CloudEvent> listener) {
        Instant deadline = Instant.now().plus(timeout);
        Accepted accepted = create(request);
        Sandbox sandbox = new Settling(this).await(accepted.sandbox().id(), Duration.between(Instant.now(), deadline),
                listener);
        if (!Settling.settled(sandbox)) {
            throw stillProvisioning(sandbox, timeout);
        }
        if (sandbox.state() == SandboxState.FAILED) {
            throw Settling.failure(sandbox);
        }
        return sandbox;
    }

    private static ClientException stillProvisioning(Sandbox sandbox, Duration timeout) {
        return new ClientException.Unreachable("sandbox " + sandbox.id() + " is still " + sandbox.state().id()
                + " after " + DurationText.format(timeout), "follow it with events, or wait longer", null);
    }

    /**
     * Waits until a sandbox being created settles (ready, failed, destroyed...), following its events, and
     * returns it as it then is; if {@code timeout} passes first, as it is at that moment.
     */
    public Sandbox awaitSettled(String id, Duration timeout) {
        return new Settling(this).await(id, timeout, event -> { });
    }

    // ---------------------------------------------------------------- read

    public Sandbox get(String id) {
        return exchange.get(sandboxPath(id), Query.of(), SANDBOX);
    }

    /** The first page of live sandboxes (destroyed ones left out), newest first. */
    public Page<Sandbox> list() {
        SandboxFilter notDestroyed = new SandboxFilter(Set.of(), Optional.empty(),
                EnumSet.complementOf(EnumSet.of(SandboxState.DESTROYED)), Optional.empty(), Map.of());
        return list(notDestroyed, Optional.empty(), 50);
    }

    /**
     * One page of sandboxes, newest first. As in the engine, an empty set in the filter means "any": a filter
     * without states lists destroyed sandboxes too. {@code limit} is 1 to 1000.
     */
    public Page<Sandbox> list(SandboxFilter filter, Optional<String> cursor, int limit) {
        Query query = Query.of().addAll("project", filter.projects())
                .add("consumer", filter.consumer().map(Object::toString))
                .addAll("state", filter.states().stream().map(SandboxState::id).sorted().toList())
                .add("profile", filter.profileId())
                .addAll("label", filter.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                .add("limit", Integer.toString(limit))
                .add("cursor", cursor);
        if (filter.states().isEmpty()) {
            query.add("all", "true");
        }
        JsonNode page = exchange.get(SANDBOXES_PATH, query, TREE);
        List<Sandbox> items = exchange.json().convertValue(page.path("items"), SANDBOXES);
        JsonNode next = page.path("nextCursor");
        return new Page<>(items, next.isTextual() ? Optional.of(next.asText()) : Optional.empty());
    }

    /** The seven questions: recipe, backend, placement, isolation, reach, history, cost. */
    public SandboxDescription describe(String id) {
        return exchange.get(sandboxPath(id) + "/description", Query.of(), new TypeReference<>() { });
    }

    public List<Operation> operations(String sandboxId) {
        return exchange.get(sandboxPath(sandboxId) + "/operations", Query.of(), OPERATIONS);
    }

    public Operation operation(String operationId) {
        return exchange.get("v1/operations/" + Query.segment(operationId), Query.of(), OPERATION);
    }

    // ---------------------------------------------------------------- change

    /** Destroys it (reason {@code user}); destroying a destroyed sandbox returns it unchanged. */
    public Sandbox destroy(String id) {
        return destroy(id, "user");
    }

    public Sandbox destroy(String id, String reason) {
        return exchange.call("DELETE", sandboxPath(id), Query.of().add("reason", reason), null, SANDBOX);
    }

    /** Tears the backend down and provisions it again from the same recipe; waits until it is ready. */
    public Sandbox recreate(String id) {
        return exchange.call("POST", sandboxPath(id) + "/recreate", Query.of(), null, SANDBOX);
    }

    /** Moves the expiry later by {@code by}, capped by the profile's hard maximum. */
    public Sandbox extend(String id, Duration by) {
        return exchange.call("POST", sandboxPath(id) + "/extend", Query.of(), Map.of("by", DurationText.format(by)),
                SANDBOX);
    }

    /** Runs argv verbatim (no shell unless you name one); the command's own exit code is in the result. */
    public ExecResult exec(String id, ExecRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("argv", request.argv());
        body.put("env", request.env());
        body.put("timeout", DurationText.format(request.timeout()));
        return exchange.read(exchange.send("POST", sandboxPath(id) + "/exec", Query.of(), body, Map.of(),
                request.timeout()), new TypeReference<>() { });
    }

    public ExecResult exec(String id, String... argv) {
        return exec(id, ExecRequest.of(argv));
    }

    /** Destroys every expired sandbox (reason {@code ttl}); operators only. */
    public List<Sandbox> reap() {
        return exchange.call("POST", "v1/reap", Query.of(), null, SANDBOXES);
    }

    /** Reconciles the store with the backends (orphans, lost sandboxes, observations); operators only. */
    public dev.sandboxer.core.engine.Reconciliation reconcile(boolean dryRun) {
        return exchange.call("POST", "v1/reconcile", Query.of().add("dryRun", Boolean.toString(dryRun)), null,
                new TypeReference<dev.sandboxer.core.engine.Reconciliation>() { });
    }

    // ---------------------------------------------------------------- events

    /** Events after sequence {@code after}, oldest first: one sandbox's, or all the token may see. */
    public List<CloudEvent> events(Optional<String> sandboxId, long after, int limit) {
        return exchange.get(eventsPath(sandboxId), Query.of().add("after", Long.toString(after))
                .add("limit", Integer.toString(limit)), EVENTS);
    }

    /**
     * Follows events as they happen (Server-Sent Events), starting after {@code after}: a blocking iterator
     * that reconnects by itself. Close it to stop.
     */
    public EventFeed follow(Optional<String> sandboxId, long after) {
        return new EventFeed(exchange, eventsPath(sandboxId), seq -> Query.of().add("after", Long.toString(seq)),
                after, maxReconnects);
    }

    /** Follows events on a background thread, handing each to {@code listener}; close the feed to stop. */
    public EventFeed follow(Optional<String> sandboxId, long after, Consumer<CloudEvent> listener) {
        EventFeed feed = follow(sandboxId, after);
        Thread.ofVirtual().name("sandboxer-events-listener").start(() -> feed.forEachRemaining(listener));
        return feed;
    }

    // ---------------------------------------------------------------- the rest

    /** Profiles, extensions, doctor, version: what the server offers and whether it works. */
    public ServerCatalog server() {
        return catalog;
    }

    /** API tokens: create (the secret is shown once), list, revoke. Operators only. */
    public Tokens tokens() {
        return tokens;
    }

    /** Estimates, credits, statements, billing exports and provider keys (docs/billing.md). */
    public Costs costs() {
        return costs;
    }

    /** The remote hosts sandboxes are placed on (docs/hosts.md): add, list, inspect, drain, activate, remove. */
    public Hosts hosts() {
        return hosts;
    }

    /** Closes the connections; followed feeds end. */
    @Override
    public void close() {
        exchange.close();
    }

    private static String sandboxPath(String id) {
        return SANDBOXES_PATH + "/" + Query.segment(id);
    }

    private static String eventsPath(Optional<String> sandboxId) {
        return sandboxId.map(id -> sandboxPath(id) + "/events").orElse("v1/events");
    }
}
