package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Period;
import dev.sandboxer.core.billing.ProviderKeys;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.client.CloudEvent;
import dev.sandboxer.client.ExtensionInfo;
import dev.sandboxer.client.ProfileSummary;
import dev.sandboxer.client.SandboxRequest;
import dev.sandboxer.client.SandboxerClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.profile.ProfileOrigin;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verbs answered by a sand-boxer server through the Java client. The token decides who acts and which
 * projects are visible; the server's answers arrive as the engine's own records and exceptions.
 */
final class RemoteSandboxes implements Sandboxes {
    /** As long as an embedded create may take: the provisioning itself, readiness, and cleanup of a failure. */
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(30);

    private final SandboxerClient client;

    RemoteSandboxes(SandboxerClient client) {
        this.client = client;
    }

    /**
     * Waits for ready as the embedded create does. Shown progress follows the sandbox's events on the server
     * (requested, provisioning, ready); without it, the server itself waits and answers once.
     */
    @Override
    public Sandbox create(CreateRequest request, Progress progress) {
        return create(SandboxRequest.from(request), progress);
    }

    @Override
    public Sandbox createWithoutProject(CreateRequest request, Progress progress) {
        return create(SandboxRequest.from(request).project(null), progress);
    }

    private Sandbox create(SandboxRequest remote, Progress progress) {
        if (progress == Progress.NONE) {
            return client.createReady(remote, CREATE_TIMEOUT);
        }
        progress.step("creating on " + client.baseUrl());
        return client.createReady(remote, CREATE_TIMEOUT, event -> progress.step(event.shortType()));
    }

    @Override
    public Sandbox get(String id) {
        return client.get(id);
    }

    @Override
    public Page<Sandbox> list(SandboxFilter filter, Optional<String> cursor, int limit) {
        return client.list(filter, cursor, limit);
    }

    @Override
    public SandboxDescription describe(String id) {
        return client.describe(id);
    }

    @Override
    public List<Operation> operations(String sandboxId) {
        return client.operations(sandboxId);
    }

    @Override
    public Operation operation(String operationId) {
        return client.operation(operationId);
    }

    @Override
    public Sandbox destroy(String id, String reason) {
        return client.destroy(id, reason);
    }

    @Override
    public Sandbox recreate(String id, Progress progress) {
        progress.step("asking " + client.baseUrl() + " to recreate it; waiting until it is ready");
        return client.recreate(id);
    }

    @Override
    public Sandbox extend(String id, Duration by) {
        return client.extend(id, by);
    }

    @Override
    public ExecResult exec(String id, ExecRequest request) {
        return client.exec(id, request);
    }

    @Override
    public List<CloudEvent> events(Optional<String> sandboxId, long after, int limit) {
        return client.events(sandboxId, after, limit);
    }

    @Override
    public List<Sandbox> reap() {
        return client.reap();
    }

    @Override
    public dev.sandboxer.core.engine.Reconciliation reconcile(boolean dryRun) {
        return client.reconcile(dryRun);
    }

    @Override
    public ProfilesListCommand.Listing profiles(boolean allVersions) {
        List<ProfilesListCommand.Listed> listed = client.server().profiles(allVersions).stream()
                .map(RemoteSandboxes::listed).toList();
        return new ProfilesListCommand.Listing(listed, List.of());
    }

    private static ProfilesListCommand.Listed listed(ProfileSummary p) {
        return new ProfilesListCommand.Listed(p.id(), p.version(), p.extension(), p.ttlDefault(),
                p.ttlMax(), p.description(), p.source());
    }

    @Override
    public ProfilesShowCommand.Shown profile(String ref) {
        JsonNode found;
        try {
            found = client.server().profile(ref);
        } catch (SandboxerException.NotFound e) {
            // The API answers an unknown profile 404, as any missing resource; the CLI has always called naming
            // one bad input (exit 2), as create does.
            String message = e.getMessage().replaceFirst(" not found$", "");
            throw new SandboxerException.Invalid("unknown-profile", message, "see 'sandboxer profiles list'");
        }
        ProfileOrigin origin = new ProfileOrigin(found.path("origin").path("source").asText(),
                found.path("origin").path("sha256").asText());
        return new ProfilesShowCommand.Shown(found.path("id").asText() + "@" + found.path("version").asText(), origin,
                found);
    }

    /** The server checks the text against its extensions; its problems name the file as given here. */
    @Override
    public List<String> validateProfile(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            return List.of(file + ":1:1: (file): cannot be read: " + e.getMessage());
        }
        return client.server().validateProfile(yaml).stream().map(p -> ProblemLines.renamed(p, file)).toList();
    }

    @Override
    public ExtensionsListCommand.Listing extensions() {
        return new ExtensionsListCommand.Listing(client.server().extensions().stream()
                .map(RemoteSandboxes::listed).toList(), List.of());
    }

    private static ExtensionsListCommand.Listed listed(ExtensionInfo e) {
        return new ExtensionsListCommand.Listed(e.id(), e.version(), e.kind(), e.capabilities(), e.description(),
                e.health());
    }

    @Override
    public List<HostCheck> doctor() {
        return client.server().doctor().stream().map(c -> new HostCheck(c.name(), c.ok(), c.detail(), c.hint()))
                .toList();
    }

    @Override
    public Optional<String> serverVersion() {
        return Optional.of(client.server().version());
    }

    @Override
    public IssuedToken createToken(Consumer consumer, Set<String> projects) {
        return client.tokens().create(consumer, projects);
    }

    @Override
    public List<Token> tokens() {
        return client.tokens().list();
    }

    @Override
    public Token revokeToken(String id) {
        return client.tokens().revoke(id);
    }

    @Override
    public Billing.Estimate estimate(String profile, Map<String, String> inputs, Optional<Duration> ttl,
                                     String project) {
        return client.costs().estimate(profile, inputs, ttl, project);
    }

    @Override
    public Ledger.Balance balance(String project) {
        return client.costs().balance(project);
    }

    @Override
    public Ledger.Balance credit(String project, String kind, long amount, String memo) {
        return client.costs().credit(project, kind, amount, memo);
    }

    @Override
    public Ledger.Balance refund(String project, String sandboxId, long amount, String memo) {
        return client.costs().refund(project, sandboxId, amount, memo);
    }

    @Override
    public Ledger.Statement statement(String project, Period period) {
        return client.costs().statement(project, period.from(), period.to());
    }

    @Override
    public BillingExport.Report billingExport(String project, Period period) {
        return client.costs().export(project, period.from(), period.to());
    }

    @Override
    public List<ProviderKeys.KeyInfo> providerKeys(String project) {
        return client.costs().providerKeys(project);
    }

    @Override
    public ProviderKeys.KeyInfo putProviderKey(String project, String extension, Secret key) {
        return client.costs().putProviderKey(project, extension, key.reveal());
    }

    @Override
    public void removeProviderKey(String project, String extension) {
        client.costs().removeProviderKey(project, extension);
    }

    @Override
    public int rotateProviderKeys() {
        return client.costs().rotateProviderKeys();
    }

    @Override
    public dev.sandboxer.core.model.Host addHost(dev.sandboxer.core.host.Enrolment.Request request) {
        return client.hosts().add(request);
    }

    @Override
    public List<dev.sandboxer.core.host.Hosts.View> hosts(boolean refresh) {
        return client.hosts().list(refresh);
    }

    @Override
    public dev.sandboxer.client.Hosts.Inspection inspectHost(String name, int history) {
        return client.hosts().inspect(name, history);
    }

    @Override
    public dev.sandboxer.core.model.Host drainHost(String name) {
        return client.hosts().drain(name);
    }

    @Override
    public dev.sandboxer.core.model.Host activateHost(String name) {
        return client.hosts().activate(name);
    }

    @Override
    public void removeHost(String name) {
        client.hosts().remove(name);
    }

    @Override
    public void close() {
        client.close();
    }
}
