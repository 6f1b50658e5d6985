package dev.sandboxer.ext.podman;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.ext.podmancli.Container;
import dev.sandboxer.ext.podmancli.Endpoints;
import dev.sandboxer.ext.podmancli.Podman;
import dev.sandboxer.ext.podmancli.PodmanSettings;
import dev.sandboxer.ext.podmancli.Roles;
import dev.sandboxer.ext.podmancli.SandboxResources;
import dev.sandboxer.ext.podmancli.WorkArea;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.PriceSheet;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.transport.TransportException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One podman container per sandbox. Resources are found by ownership labels only; the state blob is for
 * people and is never needed to find a sandbox again.
 */
public final class PodmanExtension implements Extension {
    public static final String ID = "podman";
    static final String VERSION = "0.1.0";

    private static final PriceSheet PRICES = new PriceSheet("podman-1", "USD", 10_000, 2_500, 0, 0, 0, 2_500, 0);

    private static final ExtensionDescriptor DESCRIPTOR = new ExtensionDescriptor(ID, VERSION,
            ExtensionDescriptor.Kind.SELF_HOSTED,
            Set.of(Capability.EXEC, Capability.BACKEND_DEADLINE, Capability.PAUSE, Capability.LOGS,
                    Capability.PUBLISHED_PORTS, Capability.NETWORK_POLICY, Capability.RESOURCE_LIMITS,
                    Capability.VOLUMES, Capability.SETUP_FILES),
            "one podman container per sandbox, locally or over a transport");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExtensionContext context;
    private final PodmanSettings settings;
    private final Podman podman;
    private final WorkArea work;
    private final SandboxResources resources;

    public PodmanExtension(ExtensionContext context) {
        this.context = context;
        this.settings = PodmanSettings.from(context);
        this.podman = new Podman(context.transport(), settings.program());
        this.work = new WorkArea(context.transport(), context.workDir());
        this.resources = new SandboxResources(podman, context.owner(), work);
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** A default for self-hosted capacity (0.36 USD per vCPU-hour, 0.09 per GiB-hour; paused keeps memory); operators set their own in billing.properties. */
    @Override
    public PriceSheet priceSheet() {
        return PRICES;
    }

    /** The profile's {@code backend.podman} section checked on its own: {@code "path: problem"} lines. */
    @Override
    public List<String> validateSpec(Map<String, Object> spec) {
        return PodmanSpec.validate(spec);
    }

    @Override
    public Health health() {
        return podman.health();
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        PodmanSpec spec = PodmanSpec.parse(request.spec());
        Map<String, String> labels = resources.stamp(request);
        ContainerCreation creation = new ContainerCreation(podman, settings, request, spec, labels, context.clock());
        podman.requireInstalled();
        String sandboxId = request.sandboxId();
        List<Container> found = resources.containers(sandboxId);
        Optional<Container> existing = workload(found);
        if (existing.isPresent()) {
            progress.step("container " + existing.get().name() + " already exists");
            return provisioned(request, spec, existing.get().id());
        }
        if (resources.anyLeft(sandboxId, found, creation.usesGateway(), !spec.volumes().isEmpty())) {
            progress.step("removing what an earlier, unfinished create left");
            resources.remove(sandboxId);
        }
        try {
            return provisioned(request, spec, creation.run(progress));
        } catch (ExtensionException | TransportException e) {
            removeAfterFailure(sandboxId, e);
            // Unavailable stays itself: podman went away mid-create, so the removal may not have happened either.
            throw e instanceof ExtensionException.ProvisionFailed || e instanceof ExtensionException.Unavailable
                    ? e : new ExtensionException.ProvisionFailed("create failed: " + e.getMessage(), "", e);
        }
    }

    private void removeAfterFailure(String sandboxId, RuntimeException failure) {
        try {
            resources.remove(sandboxId);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private Provisioned provisioned(ProvisionRequest request, PodmanSpec spec, String containerId) {
        SandboxNames names = SandboxNames.of(request.sandboxId());
        boolean gateway = request.network().denied() && !request.ports().isEmpty();
        ObjectNode state = JSON.createObjectNode().put("container", containerId).put("name", names.container());
        spec.volumes().forEach(v -> state.withArray("volumes").add(names.volume(v.name())));
        if (gateway) {
            state.put("gateway", names.gateway()).withArray("networks").add(names.internalNetwork())
                    .add(names.edgeNetwork());
        }
        Map<String, String> isolation = new LinkedHashMap<>();
        isolation.putAll(networkFacts(request, gateway));
        if (request.resources().cpuMillis() > 0) {
            isolation.put("cpus", request.resources().cpusDecimal());
        }
        if (request.resources().memoryBytes() > 0) {
            isolation.put("memory", Long.toString(request.resources().memoryBytes()));
        }
        request.deadline().ifPresent(d -> isolation.put("deadline", d + " (podman --timeout)"));
        spec.user().ifPresent(u -> isolation.put("user", u));
        isolation.put("runtime", "podman container " + names.container());
        return new Provisioned(new BackendRef(ID, request.sandboxId(), state.toString()),
                Endpoints.of(request.ports(), "podman exec -it " + names.container() + " sh"),
                context.transport().location(), isolation, request.deadline());
    }

    private static Map<String, String> networkFacts(ProvisionRequest request, boolean gateway) {
        NetworkPolicy policy = request.network();
        if (policy.denied()) {
            return gateway
                    ? Map.of("network", "internal", "egress", "denied (internal network: no route out)",
                            "ingress", "published ports relayed by a port-gateway container")
                    : Map.of("network", "none", "egress", "denied (no interface but lo)");
        }
        if (policy.egress() == NetworkPolicy.Egress.ALLOW_LIST) {
            return Map.of("network", "bridge", "egress", "allow-list(not enforced: podman bridge networking has "
                    + "no egress filter; all egress is open; wanted " + policy.allow() + ")");
        }
        return Map.of("network", "bridge", "egress", "allowed");
    }

    @Override
    public Observation observe(BackendRef ref) {
        try {
            if (!podman.installed()) {
                return new Observation(Observation.Status.UNKNOWN, podman.program() + " is not installed");
            }
            List<Container> containers = resources.containers(ref.sandboxId());
            Optional<Container> workload = workload(containers);
            if (workload.isEmpty()) {
                return Observation.gone();
            }
            Container main = workload.get();
            if (main.paused()) {
                return new Observation(Observation.Status.PAUSED, main.name() + " is paused");
            }
            if (!main.running()) {
                return new Observation(Observation.Status.STOPPED, main.name() + " " + main.describe());
            }
            for (Container other : containers) {
                if (other.stopped()) {
                    return new Observation(Observation.Status.STOPPED, other.name() + " " + other.describe());
                }
            }
            return new Observation(Observation.Status.RUNNING, main.name() + " is running");
        } catch (ExtensionException | TransportException e) {
            return new Observation(Observation.Status.UNKNOWN, e.getMessage());
        }
    }

    @Override
    public void destroy(BackendRef ref) {
        podman.requireInstalled();
        resources.remove(ref.sandboxId());
    }

    @Override
    public List<OwnedResource> listOwned(Owner owner) {
        podman.requireInstalled();
        return resources.owned(owner);
    }

    @Override
    public ExecResult exec(BackendRef ref, ExecRequest request) {
        return podman.exec(requireWorkload(ref).id(), request);
    }

    @Override
    public void pause(BackendRef ref) {
        for (Container c : requireAny(ref)) {
            if (c.running()) {
                podman.require("podman pause", List.of("pause", c.id()));
            }
        }
    }

    @Override
    public void resume(BackendRef ref) {
        for (Container c : requireAny(ref)) {
            if (c.paused()) {
                podman.require("podman unpause", List.of("unpause", c.id()));
            }
        }
    }

    @Override
    public Optional<String> logTail(BackendRef ref, int lines) {
        podman.requireInstalled();
        return workload(resources.containers(ref.sandboxId())).map(c -> podman.logTail(c.id(), lines));
    }

    private List<Container> requireAny(BackendRef ref) {
        podman.requireInstalled();
        List<Container> containers = resources.containers(ref.sandboxId());
        if (containers.isEmpty()) {
            throw new ExtensionException.Gone(ref.sandboxId());
        }
        return containers;
    }

    private Container requireWorkload(BackendRef ref) {
        podman.requireInstalled();
        return workload(resources.containers(ref.sandboxId()))
                .orElseThrow(() -> new ExtensionException.Gone(ref.sandboxId()));
    }

    private static Optional<Container> workload(List<Container> containers) {
        return containers.stream().filter(c -> Roles.WORKLOAD.equals(c.label(Roles.LABEL))).findFirst();
    }
}
