package dev.sandboxer.ext.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.ext.podmancli.BackendNames;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One podman-compose project per sandbox. podman-compose only brings the stack up; everything else (find,
 * observe, exec, logs, tear down) goes to podman by label, because podman-compose 1.0.3's {@code down} leaves
 * networks behind and waits out each container's stop timeout.
 */
public final class ComposeExtension implements Extension {
    public static final String ID = "compose";
    static final String VERSION = "0.1.0";

    private static final PriceSheet PRICES = new PriceSheet("compose-1", "USD", 10_000, 2_500, 0, 0, 0, 2_500, 0);

    private static final ExtensionDescriptor DESCRIPTOR = new ExtensionDescriptor(ID, VERSION,
            ExtensionDescriptor.Kind.SELF_HOSTED,
            Set.of(Capability.EXEC, Capability.BACKEND_DEADLINE, Capability.LOGS, Capability.PUBLISHED_PORTS,
                    Capability.NETWORK_POLICY, Capability.RESOURCE_LIMITS, Capability.VOLUMES,
                    Capability.MULTI_SERVICE, Capability.SETUP_FILES),
            "one podman-compose stack per sandbox, locally or over a transport");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The programs this extension drives, from the operator's settings. */
    record Tools(Podman podman, PodmanSettings settings, List<String> composeCommand, Duration upTimeout) {
    }

    private final ExtensionContext context;
    private final Tools tools;
    private final Podman podman;
    private final WorkArea work;
    private final SandboxResources resources;

    public ComposeExtension(ExtensionContext context) {
        this.context = context;
        PodmanSettings settings = PodmanSettings.from(context);
        this.podman = new Podman(context.transport(), settings.program());
        String command = context.setting("compose.command").or(() -> context.setting("command"))
                .orElse("podman-compose");
        this.tools = new Tools(podman, settings, Arrays.asList(command.strip().split("\\s+")),
                Duration.ofSeconds(Long.parseLong(context.setting("up-timeout-s").orElse("300"))));
        this.work = new WorkArea(context.transport(), context.workDir());
        this.resources = new SandboxResources(podman, context.owner(), work);
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The same default as podman's: the capacity is the same; operators set their own in billing.properties. */
    @Override
    public PriceSheet priceSheet() {
        return PRICES;
    }

    /** The profile's {@code backend.compose} section checked on its own: {@code "path: problem"} lines. */
    @Override
    public List<String> validateSpec(Map<String, Object> spec) {
        return ComposeSpec.validate(spec);
    }

    @Override
    public Health health() {
        Health podmanHealth = podman.health();
        if (!podmanHealth.available()) {
            return podmanHealth;
        }
        String program = tools.composeCommand().getFirst();
        try {
            if (!context.transport().hasProgram(program)) {
                return Health.unavailable(program + " is not installed", "apt-get install podman-compose");
            }
        } catch (TransportException e) {
            return Health.unavailable("cannot run " + program + ": " + e.getMessage(), "apt-get install podman-compose");
        }
        return Health.ok(podmanHealth.detail() + ", " + program);
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        ComposeSpec spec = ComposeSpec.parse(request.spec());
        Map<String, String> labels = resources.stamp(request);
        StackCreation creation = new StackCreation(tools, work, resources, request, spec, labels, context.clock());
        requireTools();
        String sandboxId = request.sandboxId();
        List<Container> found = resources.containers(sandboxId);
        if (!found.isEmpty()) {
            progress.step("project " + BackendNames.composeProject(sandboxId) + " already exists");
            return provisioned(request, spec, creation.usesGateway());
        }
        // Networks an earlier attempt left are stateless and `up` reuses them; volumes may hold that attempt's
        // writes, so they are looked for (and removed) when the stack has any.
        if (resources.anyLeft(sandboxId, found, false, !spec.volumes().isEmpty())) {
            progress.step("removing what an earlier, unfinished create left");
            resources.remove(sandboxId);
        }
        try {
            creation.run(progress);
            return provisioned(request, spec, creation.usesGateway());
        } catch (ExtensionException | TransportException e) {
            try {
                resources.remove(sandboxId);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            // Unavailable stays itself: a tool went away mid-create, so the removal may not have happened either.
            throw e instanceof ExtensionException.ProvisionFailed || e instanceof ExtensionException.Unavailable
                    ? e : new ExtensionException.ProvisionFailed("create failed: " + e.getMessage(), "", e);
        }
    }

    private void requireTools() {
        podman.requireInstalled();
        String program = tools.composeCommand().getFirst();
        boolean installed;
        try {
            installed = context.transport().hasProgram(program);
        } catch (TransportException e) {
            throw podman.cannotRun(program, "apt-get install podman-compose", e);
        }
        if (!installed) {
            throw new ExtensionException.Unavailable(program + " is not installed on "
                    + context.transport().location(), "apt-get install podman-compose");
        }
    }

    private Provisioned provisioned(ProvisionRequest request, ComposeSpec spec, boolean gateway) {
        String project = BackendNames.composeProject(request.sandboxId());
        ObjectNode state = JSON.createObjectNode().put("project", project).put("main", spec.main())
                .put("directory", work.dir(request.sandboxId()));
        spec.services().keySet().forEach(s -> state.withArray("services").add(s));
        spec.volumes().forEach(v -> state.withArray("volumes").add(project + "_" + v));
        Map<String, String> isolation = new LinkedHashMap<>(networkFacts(request.network(), gateway));
        if (request.resources().cpuMillis() > 0) {
            isolation.put("cpus", request.resources().cpusDecimal() + " per service");
        }
        if (request.resources().memoryBytes() > 0) {
            isolation.put("memory", request.resources().memoryBytes() + " per service");
        }
        request.deadline().ifPresent(d -> isolation.put("deadline", d + " (podman --timeout on every service)"));
        isolation.put("runtime", "podman-compose project " + project + " (" + spec.services().size() + " services)");
        return new Provisioned(new BackendRef(ID, request.sandboxId(), state.toString()),
                Endpoints.of(request.ports(), "podman exec -it " + project + "_" + spec.main() + "_1 sh"),
                context.transport().location(), isolation, request.deadline());
    }

    private static Map<String, String> networkFacts(NetworkPolicy policy, boolean gateway) {
        if (policy.denied()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("network", "internal");
            facts.put("egress", "denied (internal stack network: no route out)");
            if (gateway) {
                facts.put("ingress", "published ports relayed by the " + ComposeSpec.GATEWAY_SERVICE + " container");
            }
            return facts;
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
            if (containers.isEmpty()) {
                return Observation.gone();
            }
            List<String> stopped = containers.stream().filter(Container::stopped)
                    .map(c -> service(c) + " " + c.describe()).sorted().toList();
            if (!stopped.isEmpty()) {
                return new Observation(Observation.Status.STOPPED, String.join("; ", stopped));
            }
            if (containers.stream().allMatch(Container::paused)) {
                return new Observation(Observation.Status.PAUSED, "all services are paused");
            }
            return new Observation(Observation.Status.RUNNING, containers.size() + " containers running");
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
        podman.requireInstalled();
        List<Container> containers = resources.containers(ref.sandboxId());
        if (containers.isEmpty()) {
            throw new ExtensionException.Gone(ref.sandboxId());
        }
        Container target = request.service().filter(s -> !s.isBlank())
                .map(s -> containers.stream().filter(c -> s.equals(service(c))).findFirst()
                        .orElseThrow(() -> new ExtensionException.BackendFailure("sandbox " + ref.sandboxId()
                                + " has no service " + s, null)))
                .orElseGet(() -> containers.stream().filter(c -> Roles.WORKLOAD.equals(c.label(Roles.LABEL)))
                        .findFirst().orElseThrow(() -> new ExtensionException.Gone(ref.sandboxId())));
        return podman.exec(target.id(), request);
    }

    @Override
    public Optional<String> logTail(BackendRef ref, int lines) {
        podman.requireInstalled();
        List<Container> containers = resources.containers(ref.sandboxId()).stream()
                .filter(c -> !Roles.PORT_GATEWAY.equals(c.label(Roles.LABEL)))
                .sorted(Comparator.comparing(ComposeExtension::service)).toList();
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (Container c : containers) {
            String prefix = service(c) + " | ";
            podman.logTail(c.id(), lines).lines().forEach(line -> text.append(prefix).append(line).append('\n'));
        }
        return Optional.of(text.toString().stripTrailing());
    }

    private static String service(Container container) {
        String service = container.label(StackCreation.SERVICE_LABEL);
        return service.isEmpty() ? container.name() : service;
    }
}
