package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.routing.Router;
import dev.sandboxer.core.routing.RoutingDecision;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of sandboxes. Each verb records intent before it touches a backend, so a crash at any
 * point leaves a record that says what was being done (reconcile makes it true again).
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

    public SandboxEngine(Store store, ExtensionRegistry extensions, PlanSource plans, SecretLookup secrets,
                         Clock clock) {
        this.store = store;
        this.extensions = extensions;
        this.plans = plans;
        this.router = new Router(extensions);
        this.clock = clock;
        this.journal = new Journal(clock);
        this.provisioner = new Provisioner(store, journal, secrets, clock);
        this.secrets = secrets;
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
        String requestHash = RequestHash.of(request);
        Optional<Sandbox> replay = replay(request, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Plan plan = plans.plan(request.profile(), request.inputs());
        Duration ttl = request.ttl().orElse(plan.ttlDefault());
        checkTtl(plan, ttl);
        RoutingDecision route = router.route(plan.profileId(), plan.pinnedExtension(), plan.requires(),
                plan.backend().keySet());
        Extension extension = route.extension();
        checkFits(plan, extension);
        // Secrets are resolved for real only at the provision boundary; this dry run makes a missing one a
        // refusal that changes nothing, rather than a failed sandbox.
        plan.secretRefs().values().forEach(secrets::resolve);

        Instant now = clock.instant();
        Sandbox intent = Sandboxes.intent(Ids.sandbox(), request, plan, route, now, now.plus(ttl),
                now.plus(plan.ttlMax()), requestHash);
        Sandbox recorded;
        try {
            recorded = store.write(session -> {
                session.insertSandbox(intent);
                Operation op = journal.begin(session, intent, Verb.CREATE, "user", request.consumer());
                journal.emit(session, intent, "requested", op, Map.of("profile", plan.profileId() + "@"
                        + plan.profileVersion(), "extension", extension.descriptor().id()));
                return intent;
            });
        } catch (RuntimeException e) {
            // Two creates with one idempotency key raced; the unique index let one win. Answer as a replay.
            return replay(request, requestHash).orElseThrow(() -> e);
        }
        Operation op = store.read(s -> s.operations(recorded.id())).getLast();
        return provisioner.provision(recorded, plan, extension, op, progress);
    }

    private Optional<Sandbox> replay(CreateRequest request, String requestHash) {
        if (request.idempotencyKey().isEmpty()) {
            return Optional.empty();
        }
        Optional<Sandbox> existing = store.read(s -> s.findByIdempotencyKey(request.project(),
                request.idempotencyKey().get()));
        if (existing.isPresent() && !existing.get().requestHash().equals(requestHash)) {
            throw new SandboxerException.Conflict("idempotency-key-reused", "idempotency key '"
                    + request.idempotencyKey().get() + "' was used for a different request (sandbox "
                    + existing.get().id() + ")", "use a new key for a different request");
        }
        return existing;
    }

    private static void checkTtl(Plan plan, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new SandboxerException.Invalid("invalid-ttl", "TTL must be positive",
                    "use e.g. --ttl 30m");
        }
        if (ttl.compareTo(plan.ttlMax()) > 0) {
            throw new SandboxerException.Invalid("ttl-too-long", "TTL " + Durations.format(ttl)
                    + " is above profile " + plan.profileId() + "'s maximum of " + Durations.format(plan.ttlMax()),
                    "ask for --ttl " + Durations.format(plan.ttlMax()) + " or less");
        }
    }

    private static void checkFits(Plan plan, Extension extension) {
        String id = extension.descriptor().id();
        if (!plan.ports().isEmpty() && !extension.descriptor().supports(Capability.PUBLISHED_PORTS)) {
            throw new SandboxerException.Invalid("unsupported", "profile " + plan.profileId() + " publishes ports "
                    + "but extension " + id + " cannot", "remove reach.ports or pick another extension");
        }
        Map<String, Object> spec = plan.backend().getOrDefault(id, Map.of());
        List<String> problems = extension.validateSpec(spec);
        if (!problems.isEmpty()) {
            throw new SandboxerException.Invalid("invalid-profile", "profile " + plan.profileId() + " backend."
                    + id + "." + problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more)" : ""), "run 'sandboxer profiles validate' on the profile file");
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
        SandboxFilter scoped = scoped(filter, scope);
        if (scoped == null) {
            return new Page<>(List.of(), Optional.empty());
        }
        try {
            return store.read(s -> s.listSandboxes(scoped, cursor, limit));
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-cursor", e.getMessage(), "start again without --cursor");
        }
    }

    /** Narrows a filter to a scope; null when they don't intersect. */
    private static SandboxFilter scoped(SandboxFilter filter, Scope scope) {
        if (scope.projects().isEmpty()) {
            return filter;
        }
        Set<String> projects = filter.projects().isEmpty() ? scope.projects()
                : filter.projects().stream().filter(scope::allows).collect(java.util.stream.Collectors.toSet());
        if (projects.isEmpty()) {
            return null;
        }
        return new SandboxFilter(projects, filter.consumer(), filter.states(), filter.profileId(), filter.labels());
    }

    public List<Operation> operations(String id, Scope scope) {
        get(id, scope);
        return store.read(s -> s.operations(id));
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
        return SandboxDescription.of(sandbox, ops, events, extension.map(Extension::descriptor), clock.instant());
    }

    // ---------------------------------------------------------------- destroy

    /** Destroys a sandbox; destroying one already destroyed returns it unchanged (idempotent). */
    public Sandbox destroy(String id, Consumer initiator, String reason, Scope scope) {
        Sandbox sandbox = get(id, scope);
        if (sandbox.state() == SandboxState.DESTROYED) {
            return sandbox;
        }
        Extension extension = extensionOf(sandbox);
        var started = store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            if (current.state() == SandboxState.DESTROYED) {
                return new Started(current, null);
            }
            Operation op = journal.begin(s, current, Verb.DESTROY, reason, initiator);
            return new Started(journal.transition(s, current, SandboxState.DESTROYING, op), op);
        });
        if (started.op() == null) {
            return started.sandbox();
        }
        return provisioner.teardown(started.sandbox(), extension, started.op());
    }

    record Started(Sandbox sandbox, Operation op) {
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
        Plan plan = plans.plan(sandbox.profile().id() + "@" + sandbox.profile().version(), sandbox.profile().inputs());
        Operation op = store.write(s -> journal.begin(s, sandbox, Verb.RECREATE, "user", initiator));
        progress.step("removing the old backend resources");
        extension.destroy(ref(sandbox));
        store.write(s -> {
            s.releasePorts(id);
            return s.updateSandbox(sandbox.clearedForRecreate(clock.instant()));
        });
        Sandbox fresh = get(id, scope);
        return provisioner.provision(fresh, plan, extension, op, progress);
    }

    // ---------------------------------------------------------------- extend

    /** Moves the expiry later by {@code by}, capped by the profile's hard maximum. */
    public Sandbox extend(String id, Duration by, Consumer initiator, Scope scope) {
        if (by.isZero() || by.isNegative()) {
            throw new SandboxerException.Invalid("invalid-duration", "extend needs a positive duration",
                    "use e.g. --by 30m");
        }
        Sandbox sandbox = get(id, scope);
        if (sandbox.state() != SandboxState.READY && sandbox.state() != SandboxState.PAUSED) {
            throw new SandboxerException.Conflict("invalid-state", "sandbox " + id + " is " + sandbox.state().id()
                    + "; only ready or paused sandboxes can be extended", "");
        }
        Instant now = clock.instant();
        Instant base = sandbox.expiresAt().isAfter(now) ? sandbox.expiresAt() : now;
        Instant wanted = base.plus(by);
        if (wanted.isAfter(sandbox.maxExpiresAt())) {
            Duration room = Duration.between(base, sandbox.maxExpiresAt());
            throw new SandboxerException.Invalid("ttl-too-long", "extending " + id + " by " + Durations.format(by)
                    + " would end at " + wanted + ", after its hard maximum " + sandbox.maxExpiresAt(),
                    room.isPositive() ? "extend by at most " + Durations.format(room)
                            : "it is at its maximum; create a new sandbox");
        }
        Extension extension = extensionOf(sandbox);
        Optional<Instant> deadline = sandbox.backendDeadline();
        if (extension.descriptor().supports(Capability.EXTEND_DEADLINE)) {
            deadline = Optional.of(extension.extendDeadline(ref(sandbox), wanted));
        }
        Optional<Instant> newDeadline = deadline;
        return store.write(s -> {
            Sandbox current = s.findSandbox(id).orElseThrow();
            if (!current.state().isLive() || current.state() == SandboxState.DESTROYING) {
                throw new SandboxerException.Conflict("invalid-state", "sandbox " + id + " became "
                        + current.state().id() + " while extending", "");
            }
            Operation op = journal.begin(s, current, Verb.EXTEND, "user", initiator);
            Sandbox extended = s.updateSandbox(current.withExpiry(wanted, newDeadline, clock.instant()));
            journal.emit(s, extended, "extended", op, Map.of("expiresAt", wanted.toString(),
                    "backendDeadline", newDeadline.map(Instant::toString).orElse("none")));
            journal.succeed(s, op, extended.state());
            return extended;
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
        } catch (ExtensionException e) {
            store.write(s -> journal.fail(s, op, sandbox.state(), e.getMessage()));
            throw new SandboxerException.Conflict("exec-failed", "exec in " + id + " failed: " + e.getMessage(), "");
        }
    }

    // ---------------------------------------------------------------- reap

    /**
     * Destroys every live sandbox whose expiry has passed, with reason {@code ttl}. A sandbox whose destroy
     * fails is recorded as failed by destroy itself and skipped here, so one bad backend can't stop the reaper.
     */
    public List<Sandbox> reapExpired(Consumer initiator) {
        Instant now = clock.instant();
        List<Sandbox> expired = new java.util.ArrayList<>();
        Optional<String> cursor = Optional.empty();
        SandboxFilter live = new SandboxFilter(Set.of(), Optional.empty(),
                Set.of(SandboxState.READY, SandboxState.PAUSED, SandboxState.FAILED, SandboxState.LOST),
                Optional.empty(), Map.of());
        do {
            Page<Sandbox> page = list(live, Scope.ALL, cursor, 500);
            page.items().stream().filter(s -> !now.isBefore(s.expiresAt())).forEach(expired::add);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        List<Sandbox> reaped = new java.util.ArrayList<>();
        for (Sandbox sandbox : expired) {
            try {
                reaped.add(destroy(sandbox.id(), initiator, "ttl", Scope.ALL));
            } catch (SandboxerException e) {
                // recorded on the sandbox (failed, with the reason); the next reap tries again
            }
        }
        return reaped;
    }

    private Extension extensionOf(Sandbox sandbox) {
        return extensions.find(sandbox.routing().extensionId()).orElseThrow(() ->
                new SandboxerException.Unavailable("extension " + sandbox.routing().extensionId()
                        + " of sandbox " + sandbox.id() + " is not installed",
                        "install its plugin jar into the plugins directory"));
    }

    static BackendRef ref(Sandbox sandbox) {
        return new BackendRef(sandbox.routing().extensionId(), sandbox.id(), sandbox.backendState().orElse(""));
    }
}
