package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Period;
import dev.sandboxer.core.billing.ProviderKeys;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.client.CloudEvent;
import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.Reconciliation;
import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every verb a command needs, whoever answers it: the engine in this process ({@link EmbeddedSandboxes}) or a
 * server ({@link RemoteSandboxes}). Both answer with the same records and fail with the same exceptions, so a
 * command prints the same thing and exits with the same code in either mode.
 *
 * <p>Who acts is fixed when one is opened: {@code --as} and {@code --project} embedded, the token remotely.
 */
interface Sandboxes extends AutoCloseable {

    /** Creates and waits until ready; the request's consumer counts only embedded (remotely the token's does). */
    Sandbox create(CreateRequest request, Progress progress);

    /**
     * Creates where no project was named: embedded in the request's (the default project); a server puts it
     * in the token's only project (or {@code default}), as the API does for a body without one.
     */
    default Sandbox createWithoutProject(CreateRequest request, Progress progress) {
        return create(request, progress);
    }

    Sandbox get(String id);

    Page<Sandbox> list(SandboxFilter filter, Optional<String> cursor, int limit);

    SandboxDescription describe(String id);

    /** The sandbox's operations, oldest first. */
    List<Operation> operations(String sandboxId);

    /** One operation by id. */
    Operation operation(String operationId);

    Sandbox destroy(String id, String reason);

    Sandbox recreate(String id, Progress progress);

    Sandbox extend(String id, Duration by);

    ExecResult exec(String id, ExecRequest request);

    List<CloudEvent> events(Optional<String> sandboxId, long after, int limit);

    /** Operators only. */
    List<Sandbox> reap();

    /** Operators only. */
    Reconciliation reconcile(boolean dryRun);

    ProfilesListCommand.Listing profiles(boolean allVersions);

    /** One profile, {@code id} or {@code id@version}. */
    ProfilesShowCommand.Shown profile(String ref);

    /** The problems of one profile file, each {@code file:line:col: field: message}; empty when it is fine. */
    List<String> validateProfile(Path file);

    ExtensionsListCommand.Listing extensions();

    List<HostCheck> doctor();

    /** The server's version; empty embedded, where the CLI is the whole of sand-boxer. */
    Optional<String> serverVersion();

    /** Operators only, as are the other token verbs. */
    IssuedToken createToken(Consumer consumer, Set<String> projects);

    List<Token> tokens();

    Token revokeToken(String id);

    // ---------------------------------------------------------------- money (docs/billing.md)

    /** What a create would cost, routed as create would route it; nothing is recorded. */
    Billing.Estimate estimate(String profile, Map<String, String> inputs, Optional<Duration> ttl, String project);

    Ledger.Balance balance(String project);

    /** Operators only: {@code grant} (positive) or {@code adjustment} (signed). */
    Ledger.Balance credit(String project, String kind, long amount, String memo);

    /** Operators only: gives back up to what a sandbox was charged. */
    Ledger.Balance refund(String project, String sandboxId, long amount, String memo);

    Ledger.Statement statement(String project, Period period);

    BillingExport.Report billingExport(String project, Period period);

    List<ProviderKeys.KeyInfo> providerKeys(String project);

    ProviderKeys.KeyInfo putProviderKey(String project, String extension, Secret key);

    void removeProviderKey(String project, String extension);

    /** Operators only: re-seals every provider key under the current key-encryption key; how many changed. */
    int rotateProviderKeys();

    // ---------------------------------------------------------------- hosts (docs/hosts.md), operators only

    /** Registers a host after pinning its key as vouched for and checking it can be used. */
    dev.sandboxer.core.model.Host addHost(dev.sandboxer.core.host.Enrolment.Request request);

    /** Every host with what is held there and its latest telemetry; {@code refresh} reads every host first. */
    List<dev.sandboxer.core.host.Hosts.View> hosts(boolean refresh);

    /** One host, its telemetry read now, with its last {@code history} reads (newest first). */
    dev.sandboxer.client.Hosts.Inspection inspectHost(String name, int history);

    dev.sandboxer.core.model.Host drainHost(String name);

    dev.sandboxer.core.model.Host activateHost(String name);

    /** Refused while sandboxes live there. */
    void removeHost(String name);

    @Override
    void close();
}
