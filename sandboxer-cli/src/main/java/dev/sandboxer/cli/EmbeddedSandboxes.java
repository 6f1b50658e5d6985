package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Period;
import dev.sandboxer.core.billing.ProviderKeys;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.client.ClientException;
import dev.sandboxer.client.CloudEvent;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.profile.ProfileProblem;
import dev.sandboxer.core.profile.ProfileRef;
import dev.sandboxer.core.profile.UnknownProfileException;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.transport.LocalTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The verbs answered by the engine in this process, over the home's store. The control plane is opened on
 * first use: profile commands need only the catalog, and should not pay for opening the store.
 */
final class EmbeddedSandboxes implements Sandboxes {
    private final Supplier<ControlPlanes.Session> opener;
    private final SandboxerHome home;
    private final Consumer consumer;
    private final Scope scope;
    private final HostChecks hostChecks;
    private final java.time.Clock clock;
    private ControlPlanes.Session session;

    EmbeddedSandboxes(Supplier<ControlPlanes.Session> opener, SandboxerHome home, Consumer consumer, Scope scope,
                      HostChecks hostChecks, java.time.Clock clock) {
        this.opener = opener;
        this.home = home;
        this.consumer = consumer;
        this.scope = scope;
        this.hostChecks = hostChecks;
        this.clock = clock;
    }

    private ControlPlane plane() {
        if (session == null) {
            session = opener.get();
        }
        return session.plane();
    }

    private SandboxEngine engine() {
        return plane().engine();
    }

    @Override
    public Sandbox create(CreateRequest request, Progress progress) {
        return engine().create(request, progress);
    }

    @Override
    public Sandbox get(String id) {
        return engine().get(id, scope);
    }

    @Override
    public Page<Sandbox> list(SandboxFilter filter, Optional<String> cursor, int limit) {
        return engine().list(filter, scope, cursor, limit);
    }

    @Override
    public SandboxDescription describe(String id) {
        return engine().describe(id, scope);
    }

    @Override
    public List<Operation> operations(String sandboxId) {
        return engine().operations(sandboxId, scope);
    }

    @Override
    public Operation operation(String operationId) {
        return engine().operation(operationId, scope);
    }

    @Override
    public Sandbox destroy(String id, String reason) {
        return engine().destroy(id, consumer, reason, scope);
    }

    @Override
    public Sandbox recreate(String id, Progress progress) {
        return engine().recreate(id, consumer, scope, progress);
    }

    @Override
    public Sandbox extend(String id, Duration by) {
        return engine().extend(id, by, consumer, scope);
    }

    @Override
    public ExecResult exec(String id, ExecRequest request) {
        return engine().exec(id, request, consumer, scope);
    }

    @Override
    public List<CloudEvent> events(Optional<String> sandboxId, long after, int limit) {
        SandboxEngine engine = engine();
        String installation = engine.installationId();
        return engine.events(sandboxId, scope, after, limit).stream().map(e -> CloudEvent.of(e, installation))
                .toList();
    }

    @Override
    public List<Sandbox> reap() {
        requireOperator("reap");
        return engine().reapExpired(consumer);
    }

    @Override
    public dev.sandboxer.core.engine.Reconciliation reconcile(boolean dryRun) {
        requireOperator("reconcile");
        return engine().reconcile(consumer, dryRun);
    }

    @Override
    public ProfilesListCommand.Listing profiles(boolean allVersions) {
        return ProfilesListCommand.listing(catalog(), allVersions);
    }

    @Override
    public ProfilesShowCommand.Shown profile(String ref) {
        try {
            Profile found = catalog().require(ProfileRef.parse(ref));
            return new ProfilesShowCommand.Shown(found.ref().toString(), found.origin(), found);
        } catch (UnknownProfileException e) {
            throw new SandboxerException.Invalid("unknown-profile", e.getMessage(), "see 'sandboxer profiles list'");
        }
    }

    @Override
    public List<String> validateProfile(Path file) {
        // Backend sections are checked by the extensions themselves; building them touches no backend.
        ExtensionRegistry extensions = ExtensionRegistry.discover(Optional.of(home.plugins()),
                id -> new ExtensionContext(new Owner("profile-check"), new LocalTransport(), home.workDir(id),
                        Map.of(), Clock.systemUTC()));
        return catalog().validate(file, extensions::validateSpec).stream().map(ProfileProblem::render).toList();
    }

    /** Read without the control plane: profiles need neither the store nor the extensions. */
    private ProfileCatalog catalog() {
        return new ProfileCatalog(List.of(home.profiles()));
    }

    @Override
    public ExtensionsListCommand.Listing extensions() {
        return ExtensionsListCommand.listing(plane().extensions());
    }

    @Override
    public List<HostCheck> doctor() {
        return hostChecks.run();
    }

    @Override
    public Optional<String> serverVersion() {
        return Optional.empty();
    }

    @Override
    public IssuedToken createToken(Consumer owner, Set<String> projects) {
        requireOperator("tokens create");
        return plane().tokens().create(owner, projects);
    }

    @Override
    public List<Token> tokens() {
        requireOperator("tokens list");
        return plane().tokens().list();
    }

    @Override
    public Token revokeToken(String id) {
        requireOperator("tokens revoke");
        return plane().tokens().revoke(id).orElseThrow(() -> new SandboxerException.NotFound("token " + id,
                "token ids look like tk-…; run 'sandboxer tokens list'"));
    }

    @Override
    public Billing.Estimate estimate(String profile, Map<String, String> inputs, Optional<Duration> ttl,
                                     String project) {
        return engine().estimate(profile, inputs, ttl, visible(project));
    }

    @Override
    public Ledger.Balance balance(String project) {
        return engine().billing().ledger().balance(visible(project));
    }

    @Override
    public Ledger.Balance credit(String project, String kind, long amount, String memo) {
        requireOperator("credits grant");
        return switch (kind) {
            case "adjustment" -> engine().billing().ledger().adjust(project, amount, memo);
            default -> engine().billing().ledger().grant(project, amount, memo);
        };
    }

    @Override
    public Ledger.Balance refund(String project, String sandboxId, long amount, String memo) {
        requireOperator("credits refund");
        return engine().billing().ledger().refund(project, sandboxId, amount, memo);
    }

    @Override
    public Ledger.Statement statement(String project, Period period) {
        return engine().billing().ledger().statement(visible(project), period.from(), period.to());
    }

    @Override
    public BillingExport.Report billingExport(String project, Period period) {
        return engine().billing().export().report(visible(project), period.from(), period.to());
    }

    @Override
    public List<ProviderKeys.KeyInfo> providerKeys(String project) {
        return engine().billing().keys().list(visible(project));
    }

    @Override
    public ProviderKeys.KeyInfo putProviderKey(String project, String extension, Secret key) {
        if (engine().extensions().find(extension).isEmpty()) {
            throw new SandboxerException.NotFound("extension " + extension);
        }
        return engine().billing().keys().put(visible(project), extension, key);
    }

    @Override
    public void removeProviderKey(String project, String extension) {
        if (!engine().billing().keys().remove(visible(project), extension)) {
            throw new SandboxerException.NotFound("provider key of project " + project + " for " + extension);
        }
    }

    @Override
    public int rotateProviderKeys() {
        requireOperator("keys rotate");
        return engine().billing().keys().rotate();
    }

    /** As the server refuses another project's money with 403, so does the CLI outside its scope. */
    private String visible(String project) {
        if (!scope.allows(project)) {
            throw new ClientException.AccessDenied(403, "forbidden", consumer + " does not act for project "
                    + project, "use --project " + String.join(",", scope.projects()));
        }
        return project;
    }

    /** As the server answers 403 to an agent's token on an operator route, so does the CLI to {@code --as}. */
    private void requireOperator(String verb) {
        if (consumer.kind() != Consumer.Kind.ADM) {
            throw new ClientException.AccessDenied(403, "forbidden", verb + " is for operators (adm), not "
                    + consumer, "run it as an operator (--as adm:NAME)");
        }
    }

    @Override
    public dev.sandboxer.core.model.Host addHost(dev.sandboxer.core.host.Enrolment.Request request) {
        requireOperator("hosts add");
        return HostTelemetry.enrolment(plane(), clock).add(request);
    }

    @Override
    public List<dev.sandboxer.core.host.Hosts.View> hosts(boolean refresh) {
        requireOperator("hosts list");
        if (refresh) {
            HostTelemetry.refreshAll(plane(), clock);
        }
        return plane().hosts().list();
    }

    @Override
    public dev.sandboxer.client.Hosts.Inspection inspectHost(String name, int history) {
        requireOperator("hosts inspect");
        HostTelemetry.refresh(plane(), plane().hosts().inspect(name).host(), clock);
        return new dev.sandboxer.client.Hosts.Inspection(plane().hosts().inspect(name),
                plane().hosts().history(name, history));
    }

    @Override
    public dev.sandboxer.core.model.Host drainHost(String name) {
        requireOperator("hosts drain");
        return plane().hosts().drain(name);
    }

    @Override
    public dev.sandboxer.core.model.Host activateHost(String name) {
        requireOperator("hosts activate");
        return plane().hosts().activate(name);
    }

    @Override
    public void removeHost(String name) {
        requireOperator("hosts remove");
        plane().hosts().remove(name);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
