package dev.sandboxer.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an extension needs to make one sandbox. Built by the engine from a resolved profile;
 * secrets are resolved just before this is handed over and are never stored by the engine.
 *
 * @param sandboxId the sandbox's id; create is idempotent on it
 * @param labels    ownership labels (see {@link OwnershipLabels}); put them on every resource made
 * @param deadline  when the backend itself must stop the workload, if it has such a deadline
 * @param resources cpu and memory limits
 * @param network   the egress policy to apply
 * @param ports     ports to publish, on host addresses the engine has allocated
 * @param env       plain environment for the workload
 * @param secrets   secret environment for the workload; deliver without logging or persisting
 * @param files     setup files to place in the sandbox before it starts
 * @param spec      the extension's own section of the profile (image, command, services...), JSON-like:
 *                  maps, lists, strings, numbers and booleans only
 * @param providerKey the project's own key for this (hosted) extension's provider, if it registered one
 *                  (BYOK): use it instead of the operator's for this sandbox's API calls; never log or store it
 * @param placementHost the registered host the consumer pinned this sandbox to ({@code create --host}); only an
 *                  extension that declares {@link Capability#PLACEMENT} is handed one, and it must place the
 *                  sandbox there or refuse with the reason, never choose another host
 */
public record ProvisionRequest(String sandboxId, Map<String, String> labels, Optional<Instant> deadline,
                               Resources resources, NetworkPolicy network, List<PortBinding> ports,
                               Map<String, String> env, Map<String, Secret> secrets, List<SetupFile> files,
                               Map<String, Object> spec, Optional<Secret> providerKey,
                               Optional<String> placementHost) {

    public ProvisionRequest {
        Objects.requireNonNull(sandboxId, "sandboxId");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(network, "network");
        ports = List.copyOf(ports);
        env = Map.copyOf(env);
        secrets = Map.copyOf(secrets);
        files = List.copyOf(files);
        spec = Map.copyOf(spec);
        Objects.requireNonNull(providerKey, "providerKey");
        Objects.requireNonNull(placementHost, "placementHost");
    }

    /** A request placed wherever the extension chooses (extensions written before placementHost keep compiling). */
    public ProvisionRequest(String sandboxId, Map<String, String> labels, Optional<Instant> deadline,
                            Resources resources, NetworkPolicy network, List<PortBinding> ports,
                            Map<String, String> env, Map<String, Secret> secrets, List<SetupFile> files,
                            Map<String, Object> spec, Optional<Secret> providerKey) {
        this(sandboxId, labels, deadline, resources, network, ports, env, secrets, files, spec, providerKey,
                Optional.empty());
    }

    /** A request on the operator's own provider credentials. */
    public ProvisionRequest(String sandboxId, Map<String, String> labels, Optional<Instant> deadline,
                            Resources resources, NetworkPolicy network, List<PortBinding> ports,
                            Map<String, String> env, Map<String, Secret> secrets, List<SetupFile> files,
                            Map<String, Object> spec) {
        this(sandboxId, labels, deadline, resources, network, ports, env, secrets, files, spec, Optional.empty(),
                Optional.empty());
    }

    public ProvisionRequest withProviderKey(Secret key) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, ports, env, secrets, files,
                spec, Optional.of(key), placementHost);
    }

    /** The same request pinned to one registered host. */
    public ProvisionRequest withPlacementHost(String host) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, ports, env, secrets, files,
                spec, providerKey, Optional.of(host));
    }

    /** A request with only the essentials, for tests and simple extensions. */
    public static ProvisionRequest minimal(String sandboxId, Map<String, String> labels, Map<String, Object> spec) {
        return new ProvisionRequest(sandboxId, labels, Optional.empty(), Resources.DEFAULT, NetworkPolicy.DENY_ALL,
                List.of(), Map.of(), Map.of(), List.of(), spec);
    }

    public ProvisionRequest withDeadline(Instant newDeadline) {
        return new ProvisionRequest(sandboxId, labels, Optional.of(newDeadline), resources, network, ports, env,
                secrets, files, spec, providerKey, placementHost);
    }

    public ProvisionRequest withSpec(Map<String, Object> newSpec) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, ports, env, secrets, files,
                newSpec, providerKey, placementHost);
    }

    public ProvisionRequest withPorts(List<PortBinding> newPorts) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, newPorts, env, secrets, files,
                spec, providerKey, placementHost);
    }

    public ProvisionRequest withNetwork(NetworkPolicy newNetwork) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, newNetwork, ports, env, secrets, files,
                spec, providerKey, placementHost);
    }

    public ProvisionRequest withEnv(Map<String, String> newEnv, Map<String, Secret> newSecrets) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, ports, newEnv, newSecrets,
                files, spec, providerKey, placementHost);
    }

    public ProvisionRequest withFiles(List<SetupFile> newFiles) {
        return new ProvisionRequest(sandboxId, labels, deadline, resources, network, ports, env, secrets, newFiles,
                spec, providerKey, placementHost);
    }

    public ProvisionRequest withResources(Resources newResources) {
        return new ProvisionRequest(sandboxId, labels, deadline, newResources, network, ports, env, secrets, files,
                spec, providerKey, placementHost);
    }

    /** Ownership labels must be present on every request. */
    public String label(String key) {
        return labels.get(key);
    }

    @Override
    public String toString() {
        // Secrets never print: only their names do.
        return "ProvisionRequest[sandboxId=" + sandboxId + ", labels=" + labels + ", deadline=" + deadline
                + ", resources=" + resources + ", network=" + network + ", ports=" + ports + ", env=" + env.keySet()
                + ", secrets=" + secrets.keySet() + ", files=" + files.size() + ", spec=" + spec
                + ", providerKey=" + (providerKey.isPresent() ? "(the project's own)" : "none")
                + ", placementHost=" + placementHost.orElse("(extension's choice)") + "]";
    }
}
