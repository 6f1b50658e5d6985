package dev.sandboxer.core.engine;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingSettings;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.Labels;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.routing.Router;
import dev.sandboxer.core.routing.RoutingDecision;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle of sandboxes. Each verb records intent before it touches a backend, so a crash at any
 * point leaves a record that says what was being done; {@link Reaper} finishes what a dead process left.
 */
public final class SandboxEngine {
    private final Store store;
    private final ExtensionRegistry extensions;
    private final PlanSource plans;
    private final Router router;
    private final Clock clock;
    private final Journal journal;
    private final Provisioner provisioner;
    private final SecretLookup secrets;
    private final InFlight inFlight;
    private final Billing billing;

    public SandboxEngine(Store store, ExtensionRegistry extensions, PlanSource plans, SecretLookup secrets,
                         Clock clock) {
        this(store, extensions, plans, secrets, clock, new Billing(store, BillingSettings.defaults(), clock));
    }

    public SandboxEngine(Store store, ExtensionRegistry extensions, PlanSource plans, SecretLookup secrets,
                         Clock clock, Billing billing) {
        this.store = store;
        this.extensions = extensions;
        this.plans = plans;
        this.router = new Router(extensions);
        this.clock = clock;
        this.journal = new Journal(clock);
        this.provisioner = new Provisioner(store, journal, secrets, clock, billing.keys()::open);
        this.secrets = secrets;
        this.inFlight = new InFlight(clock);
        this.billing = billing;
    }

    /** Prices, credits, provider keys and exports (docs/billing.md). */
    public Billing billing() {
        return billing;
    }

    public String installationId() {
        return store.installationId();
    }

    public ExtensionRegistry extensions() {
        return extensions;
    }

    // ---------------------------------------------------------------- create

    /** Creates a sandbox and waits until it is ready (or failed, with nothing left behind). */
    public Sandbox create(CreateRequest request, Progress progress) {
        return begin(request).finish(progress);
    }

    /**
     * The first half of create: checks the request and records the intent, so callers that answer before
     * the sandbox is ready (an HTTP 202) have its id and operation. Nothing is recorded when a check fails.
     * {@link Creation#finish} provisions it (or is a no-op for an idempotent replay).
     */
    public Creation begin(CreateRequest request) {
        try {
            Labels.require(request.labels());
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-label", e.getMessage(), "use --label key=value");
        }
        Plan plan = plans.plan(request.profile(), request.inputs());
        Duration ttl = request.ttl().orElse(plan.ttlDefault());
        String requestHash = RequestHash.of(plan, ttl, request.project(), request.consumer(), request.labels(),
                request.placementHost());
        Optional<Sandbox> replay = replay(request, requestHash);
        if (replay.isPresent()) {
            return Creation.replayed(replay.get(), latestOperation(replay.get().id()));
        }
        checkTtl(plan, ttl);
        RoutingDecision route = router.route(plan.profileId(), plan.pinnedExtension(), plan.requires(),
                plan.backend().keySet());
        Extension extension = route.extension();
        checkFits(plan, extension);
        checkPlaceable(request.placementHost(), extension);
        // Secrets are resolved for real only at the provision boundary; this dry run makes a missing one a
        // refusal that changes nothing, rather than a failed sandbox.
        plan.secretRefs().values().forEach(secrets::resolve);
        Billing.Estimate estimate = billing.estimate(extension, plan.resources(), ttl, request.project());

        Instant now = clock.instant();
        Sandbox intent = Sandboxes.intent(Ids.sandbox(), request, plan, route, now, now.plus(ttl),
                now.plus(plan.ttlMax()), requestHash);
        Operation op;
        try {
            op = store.write(session -> {
                session.insertSandbox(intent);
                billing.open(session, intent, extension, estimate);
                Operation created = journal.begin(session, intent, Verb.CREATE, "user", request.consumer());
                journal.emit(session, intent, "requested", created, Map.of("profile", plan.profileId() + "@"
                        + plan.profileVersion(), "extension", extension.descriptor().id()));
                return created;
            });
        } catch (SandboxerException e) {
            throw e;
        } catch (RuntimeException e) {
            // Two creates with one idempotency key raced; the unique index let one win. Answer as a replay.
            Sandbox winner = replay(request, requestHash).orElseThrow(() -> e);
            return Creation.replayed(winner, latestOperation(winner.id()));
        }
        return new Creation(intent, op, progress -> {
            try {
                return provisioner.provision(intent, plan, extension, op, progress, request.placementHost());
            } catch (SandboxerException.ProvisionFailed e) {
                closeMeter(intent.id());   // charges the provisioning time and releases the reservation now
                throw e;
            }
        });
    }

    /** What a create would cost, worked out as create would route it; nothing is recorded. */
    public Billing.Estimate estimate(String profile, Map<String, String> inputs, Optional<Duration> ttlAsked,
                                     String project) {
        Plan plan = plans.plan(profile, inputs);
        Duration ttl = ttlAsked.orElse(plan.ttlDefault());
        checkTtl(plan, ttl);
        RoutingDecision route = router.route(plan.profileId(), plan.pinnedExtension(), plan.requires(),
                plan.backend().keySet());
        return billing.estimate(route.extension(), plan.resources(), ttl, project);
    }

    private Operation latestOperation(String sandboxId) {
        return store.read(s -> s.operations(sandboxId)).getLast();
    }

    /** The sandbox an idempotency key already made, answered the way its create would have been. */
    private Optional<Sandbox> replay(CreateRequest request, String requestHash) {
        if (request.idempotencyKey().isEmpty()) {
            return Optional.empty();
        }
        String key = request.idempotencyKey().get();
        Optional<Sandbox> existing = store.read(s -> s.findByIdempotencyKey(request.project(), key));
        if (existing.isEmpty()) {
            return existing;
        }
        Sandbox sandbox = existing.get();
        if (!sandbox.requestHash().equals(requestHash)) {
            throw new SandboxerException.Conflict("idempotency-key-reused", "idempotency key '" + key
                    + "' was used for a different request (sandbox " + sandbox.id() + ")",
                    "use a new key for a different request");
        }
        return switch (sandbox.state()) {
            case REQUESTED, PROVISIONING -> throw new SandboxerException.Conflict("in-progress", "sandbox "
                    + sandbox.id() + " for idempotency key '" + key + "' is still being created",
                    "retry shortly, or follow it with 'sandboxer describe " + sandbox.id() + "'");
            case FAILED -> throw new SandboxerException.ProvisionFailed(sandbox.id(), "sandbox " + sandbox.id()
                    + " for idempotency key '" + key + "' failed: " + sandbox.failure().orElse("(no reason recorded)")
                    .lines().findFirst().orElse(""), "", null);
            default -> Optional.of(sandbox);
        };
    }

    private static void checkTtl(Plan plan, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new SandboxerException.Invalid("invalid-ttl", "TTL must be positive", "use e.g. --ttl 30m");
        }
        if (ttl.compareTo(plan.ttlMax()) > 0) {
            throw new SandboxerException.Invalid("ttl-too-long", "TTL " + Durations.format(ttl)
                    + " is above profile " + plan.profileId() + "'s maximum of " + Durations.format(plan.ttlMax()),
                    "ask for --ttl " + Durations.format(plan.ttlMax()) + " or less");
        }
    }

    private static void checkFits(Plan plan, Extension extension) {
        String id = extension.descriptor().id();
        Map<String, Object> spec = plan.backend().getOrDefault(id, Map.of());
        List<String> problems = extension.validateSpec(spec);
        if (!problems.isEmpty()) {
            throw new SandboxerException.Invalid("invalid-profile", "profile " + plan.profileId() + " backend."
                    + id + "." + problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more)" : ""), "run 'sandboxer profiles validate' on the profile file");
        }
    }

    /**
     * {@code --host} means something only to an extension that places sandboxes on registered hosts; for any
     * other it is refused here, before anything is recorded, rather than silently ignored.
     */
    private static void checkPlaceable(Optional<String> host, Extension extension) {
        if (host.isEmpty()) {
            return;
        }
        String id = extension.descriptor().id();
        if (!extension.descriptor().supports(Capability.PLACEMENT)) {
            throw new SandboxerException.Invalid("invalid-field", "--host needs an extension that places sandboxes "
                    + "on registered hosts; this profile is routed to " + id + ", which does not",
                    "leave out --host, or use a profile for podman-ssh or compose-ssh (docs/hosts.md)", "host");
        }
        try {
            Host.requireName(host.get());
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-field", e.getMessage(),
                    "run 'sandboxer hosts list' to see the registered hosts", "host");
        }
    }

    // ---------------------------------------------------------------- read

    public Sandbox get(String id, Scope scope) {
        return store.read(s -> s.findSandbox(id)).filter(sb -> scope.allows(sb.project()))
                .orElseThrow(() -> new SandboxerException.NotFound("sandbox " + id));
    }

    public Page<Sandbox> list(SandboxFilter filter, Scope scope, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new SandboxerException.Invalid("invalid-limit", "limit " + limit + " is outside 1..1000",
                    "use --limit between 1 and 1000");
        }
        Optional<SandboxFilter> scoped = scoped(filter, scope);
        if (scoped.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        try {
            return store.read(s -> s.listSandboxes(scoped.get(), cursor, limit));
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-cursor", e.getMessage(), "start again without --cursor");
        }
    }

    /** Narrows a filter to a scope; empty when they don't intersect. */
    private static Optional<SandboxFilter> scoped(SandboxFilter filter, Scope scope) {
        if (scope.projects().isEmpty()) {
            return Optional.of(filter);
        }
        Set<String> projects = filter.projects().isEmpty() ? scope.projects()
                : filter.projects().stream().filter(scope::allows).collect(Collectors.toSet());
        return projects.isEmpty() ? Optional.empty() : Optional.of(new SandboxFilter(projects, filter.consumer(),
                filter.states(), filter.profileId(), filter.labels()));
    }

    /** How many sandboxes are in each of {@code states}, counted by the store (for gauges: no rows are read). */
    public Map<SandboxState, Long> countByState(Set<SandboxState> states) {
        return store.read(s -> {
            Map<SandboxState, Long> counts = new java.util.EnumMap<>(SandboxState.class);
            for (SandboxState state : states) {
                counts.put(state, s.countSandboxes(new SandboxFilter(Set.of(), Optional.empty(), Set.of(state),
                        Optional.empty(), Map.of())));
            }
            return counts;
        });
    }

    public List<Operation> operations(String id, Scope scope) {
        get(id, scope);
        return store.read(s -> s.operations(id));
    }

    /**
     * One operation by id, e.g. to poll the one a create handed out. An operation of a sandbox outside
     * {@code scope} is not found, exactly as one that does not exist.
     */
    public Operation operation(String operationId, Scope scope) {
        return store.read(s -> s.operation(operationId)
                .filter(op -> s.findSandbox(op.sandboxId()).map(sb -> scope.allows(sb.project())).orElse(false)))
                .orElseThrow(() -> new SandboxerException.NotFound("operation " + operationId,
                        "operation ids come from a create's answer or from 'sandboxer operations SANDBOX_ID'"));
    }

    public List<SandboxEvent> events(Optional<String> sandboxId, Scope scope, long afterSeq, int limit) {
        sandboxId.ifPresent(id -> get(id, scope));
        return store.read(s -> s.events(sandboxId, afterSeq, limit)).stream()
                .filter(e -> scope.allows(e.project())).toList();
    }

    public SandboxDescription describe(String id, Scope scope) {
        Sandbox sandbox = get(id, scope);
        List<Operation> ops = store.read(s -> s.operations(id));
        List<SandboxEvent> events = store.read(s -> s.events(Optional.of(id), 0, 1000));
        Optional<Extension> extension = extensions.find(sandbox.routing().extensionId());
        return SandboxDescription.of(sandbox, ops, events, extension.map(Extension::descriptor), clock.instant(),
                billing.cost(sandbox, events));
    }

    // ---------------------------------------------------------------- destroy

    /**
     * Destroys a sandbox. Destroying one already destroyed returns it unchanged (idempotent); one that another
     * process is creating or destroying right now is refused until that finishes or is found dead.
     */
    public Sandbox destroy(String id, Consumer initiator, String reason, Scope scope) {
        return destroyIfLive(id, initiator, reason, scope).orElseGet(() -> get(id, scope));
    }

    /** Destroys and returns the sandbox, or empty when it was already destroyed (by anyone). */
    Optional<Sandbox> destroyIfLive(String id, Consumer initiator, String reason, Scope scope) {
        Sandbox sandbox = get(id, scope);
        if (sandbox.state() == SandboxState.DESTROYED) {
            return Optional.empty();
        }
        Extension extension = extensionOf(sandbox);
        requireHealthy(extension, id, "destroy");
        Optional<Claimed> claimed = store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            if (current.state() == SandboxState.DESTROYED) {
                return Optional.<Claimed>empty();
            }
            inFlight.requireIdle(s, current);
            journal.interruptRunning(s, id, current.state(), "abandoned: its process stopped; taken over by "
                    + "destroy");
            Operation op = journal.begin(s, current, Verb.DESTROY, reason, initiator);
            Sandbox destroying = current.state() == SandboxState.DESTROYING ? current
                    : journal.transition(s, current, SandboxState.DESTROYING, op);
            return Optional.of(new Claimed(destroying, op));
        });
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Sandbox destroyed = provisioner.teardown(claimed.get().sandbox(), extension, claimed.get().op());
        closeMeter(id);
        return Optional.of(destroyed);
    }

    /** The final charge; if it fails here the next checkpoint makes it (meters close exactly once). */
    private void closeMeter(String id) {
        try {
            billing.charge(id);
        } catch (RuntimeException e) {
            // Left open; checkpointCosts charges and closes it.
        }
    }

    private record Claimed(Sandbox sandbox, Operation op) {
    }

    private static void requireHealthy(Extension extension, String id, String verb) {
        Health health = extension.health();
        if (!health.available()) {
            throw new SandboxerException.Unavailable(verb + " of " + id + " needs extension "
                    + extension.descriptor().id() + ", which cannot be used: " + health.detail(), health.hint());
        }
    }

    // ---------------------------------------------------------------- recreate

    /** Tears the backend down and provisions it again from the same profile version and inputs. */
    public Sandbox recreate(String id, Consumer initiator, Scope scope, Progress progress) {
        Sandbox sandbox = get(id, scope);
        if (!Set.of(SandboxState.READY, SandboxState.PAUSED, SandboxState.FAILED, SandboxState.LOST)
                .contains(sandbox.state())) {
            throw new SandboxerException.Conflict("invalid-state", "sandbox " + id + " is " + sandbox.state().id()
                    + "; only ready, paused, failed or lost sandboxes can be recreated", "create a new one instead");
        }
        if (!clock.instant().isBefore(sandbox.expiresAt())) {
            throw new SandboxerException.Conflict("expired", "sandbox " + id + " expired at " + sandbox.expiresAt(),
                    "extend it first or create a new one");
        }
        Extension extension = extensionOf(sandbox);
        requireHealthy(extension, id, "recreate");
        String recipe = sandbox.profile().id() + "@" + sandbox.profile().version();
        Plan plan = plans.plan(recipe, sandbox.profile().inputs());
        // "The same recipe" is the recorded one: a profile file edited in place (same version, new content)
        // would rebuild something else under the old record's digest, so that is refused before anything goes.
        if (!plan.profileDigest().equals(sandbox.profile().digest())) {
            throw new SandboxerException.Conflict("recipe-changed", "profile " + recipe + " has changed since "
                    + id + " was made from it (digest " + shortDigest(sandbox.profile().digest()) + ", now "
                    + shortDigest(plan.profileDigest()) + "), so it cannot be rebuilt from the same recipe",
                    "give the changed profile a new version, or create a new sandbox from it");
        }
        Operation op = store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            inFlight.requireIdle(s, current);
            return journal.begin(s, current, Verb.RECREATE, "user", initiator);
        });
        try {
            progress.step("removing the old backend resources");
            extension.destroy(ref(sandbox));
        } catch (RuntimeException e) {
            store.write(s -> journal.fail(s, op, sandbox.state(), "removing the old resources failed: "
                    + e.getMessage()));
            throw BackendErrors.translate(e, id, "recreate");
        }
        Sandbox fresh = store.write(s -> {
            s.releasePorts(id);
            return s.updateSandbox(s.findSandbox(id).orElseThrow().clearedForRecreate(clock.instant()));
        });
        // The first create's --host is not recorded: a recreate is placed afresh (the profile's placement).
        return provisioner.provision(fresh, plan, extension, op, progress, Optional.empty());
    }

    private static String shortDigest(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }

    // ---------------------------------------------------------------- extend

    /** Moves the expiry later by {@code by}, capped by the hard maximum; concurrent extends both count. */
    public Sandbox extend(String id, Duration by, Consumer initiator, Scope scope) {
        if (by.isZero() || by.isNegative()) {
            throw new SandboxerException.Invalid("invalid-duration", "extend needs a positive duration",
                    "use e.g. --by 30m");
        }
        Extension extension = extensionOf(get(id, scope));
        // Computed inside the write transaction, so two extends at once add up instead of one being lost.
        var extended = store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            if (current.state() != SandboxState.READY && current.state() != SandboxState.PAUSED) {
                throw new SandboxerException.Conflict("invalid-state", "sandbox " + id + " is " + current.state().id()
                        + "; only ready or paused sandboxes can be extended", "");
            }
            Instant now = clock.instant();
            Instant base = current.expiresAt().isAfter(now) ? current.expiresAt() : now;
            Instant wanted = base.plus(by);
            if (wanted.isAfter(current.maxExpiresAt())) {
                Duration room = Duration.between(base, current.maxExpiresAt());
                throw new SandboxerException.Invalid("ttl-too-long", "extending " + id + " by "
                        + Durations.format(by) + " would end at " + wanted + ", after its hard maximum "
                        + current.maxExpiresAt(), room.isPositive() ? "extend by at most " + Durations.format(room)
                        : "it is at its maximum; create a new sandbox");
            }
            billing.extend(s, current, by);
            Operation op = journal.begin(s, current, Verb.EXTEND, "user", initiator);
            Sandbox moved = s.updateSandbox(current.withExpiry(wanted, current.backendDeadline(), now));
            return new Claimed(moved, op);
        });
        Sandbox sandbox = extended.sandbox();
        Optional<Instant> deadline = sandbox.backendDeadline();
        if (extension.descriptor().supports(Capability.EXTEND_DEADLINE)) {
            try {
                deadline = Optional.of(extension.extendDeadline(ref(sandbox), sandbox.expiresAt()));
            } catch (RuntimeException e) {
                store.write(s -> journal.fail(s, extended.op(), sandbox.state(), "the backend deadline could not "
                        + "be moved: " + e.getMessage()));
                throw BackendErrors.translate(e, id, "extend");
            }
        }
        Optional<Instant> newDeadline = deadline;
        return store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            Sandbox done = newDeadline.equals(current.backendDeadline()) ? current
                    : s.updateSandbox(current.withExpiry(current.expiresAt(), newDeadline, clock.instant()));
            journal.emit(s, done, "extended", extended.op(), Map.of("expiresAt", sandbox.expiresAt().toString(),
                    "backendDeadline", newDeadline.map(Instant::toString).orElse("none")));
            journal.succeed(s, extended.op(), done.state());
            return done;
        });
    }

    // ---------------------------------------------------------------- exec

    public ExecResult exec(String id, ExecRequest request, Consumer initiator, Scope scope) {
        Sandbox sandbox = get(id, scope);
        if (sandbox.state() != SandboxState.READY) {
            throw new SandboxerException.Conflict("invalid-state", "sandbox " + id + " is " + sandbox.state().id()
                    + "; exec needs a ready sandbox", "");
        }
        Extension extension = extensionOf(sandbox);
        if (!extension.descriptor().supports(Capability.EXEC)) {
            throw new SandboxerException.Invalid("unsupported", "extension " + extension.descriptor().id()
                    + " has no exec", "use the sandbox's endpoints instead");
        }
        Operation op = store.write(s -> journal.begin(s, sandbox, Verb.EXEC, "user", initiator));
        try {
            ExecResult result = extension.exec(ref(sandbox), request);
            store.write(s -> journal.succeed(s, op, sandbox.state()));
            return result;
        } catch (RuntimeException e) {
            store.write(s -> journal.fail(s, op, sandbox.state(), e.getMessage()));
            throw BackendErrors.translate(e, id, "exec");
        }
    }

    // ---------------------------------------------------------------- reap

    /**
     * Destroys every live sandbox whose expiry has passed, with reason {@code ttl}, including ones a dead
     * process left half-made or half-destroyed. One whose destroy fails stays for the next reap.
     */
    public List<Sandbox> reapExpired(Consumer initiator) {
        List<Sandbox> reaped = new ArrayList<>(new Reaper(this, store, clock, inFlight).reap(initiator));
        reaped.addAll(checkpointCosts(initiator));
        return reaped;
    }

    /**
     * Charges every open meter up to now (the periodic checkpoint: a crash loses at most one interval) and
     * destroys, with reason {@code budget}, live sandboxes of projects that ran out (docs/billing.md).
     */
    public List<Sandbox> checkpointCosts(Consumer initiator) {
        Billing.Checkpoint checkpoint = billing.checkpoint();
        List<Sandbox> stopped = new ArrayList<>();
        for (String id : checkpoint.overBudget()) {
            try {
                destroyIfLive(id, initiator, "budget", Scope.ALL).ifPresent(stopped::add);
            } catch (SandboxerException e) {
                // Recorded on the sandbox; the next checkpoint tries again.
            }
        }
        return stopped;
    }

    /**
     * Makes this engine a heartbeating replica whose lease keeper reaps and warns on each tick (a server
     * calls this once and ticks it on a schedule; see {@link LeaseKeeper}).
     */
    public LeaseKeeper leaseKeeper(LeaseKeeper.Settings settings) {
        return new LeaseKeeper(this, store, clock, journal, inFlight, settings);
    }

    // ---------------------------------------------------------------- reconcile

    /**
     * Compares every extension's resources with the records: removes orphans, marks lost sandboxes
     * {@code lost}, refreshes observations. With {@code dryRun} it only says what it would do.
     */
    public Reconciliation reconcile(Consumer initiator, boolean dryRun) {
        return new Reconciler(this, store, clock, journal, inFlight).reconcile(initiator, dryRun);
    }

    Extension extensionOf(Sandbox sandbox) {
        return extensions.find(sandbox.routing().extensionId()).orElseThrow(() ->
                new SandboxerException.Unavailable("extension " + sandbox.routing().extensionId()
                        + " of sandbox " + sandbox.id() + " is not installed",
                        "install its plugin jar into the plugins directory"));
    }

    static BackendRef ref(Sandbox sandbox) {
        return new BackendRef(sandbox.routing().extensionId(), sandbox.id(), sandbox.backendState().orElse(""));
    }
}
