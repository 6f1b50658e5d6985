package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.ProvisionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one installation made on a podman host, found by ownership labels only: containers, networks,
 * volumes, and the per-sandbox work directories. Both extensions find, list and remove sandboxes this way.
 */
public final class SandboxResources {
    private final Podman podman;
    private final Owner owner;
    private final WorkArea work;

    public SandboxResources(Podman podman, Owner owner, WorkArea work) {
        this.podman = podman;
        this.owner = owner;
        this.work = work;
    }

    /** The labels that pick out one sandbox of this installation. */
    public Map<String, String> selector(String sandboxId) {
        return Map.of(OwnershipLabels.SANDBOX, sandboxId, OwnershipLabels.INSTALLATION, owner.installationId());
    }

    /**
     * The labels to stamp: every one the request carries. The sandbox and installation labels must be the
     * ones this extension later searches by, or the sandbox could never be found again.
     */
    public Map<String, String> stamp(ProvisionRequest request) {
        Map<String, String> labels = new LinkedHashMap<>(request.labels());
        labels.putIfAbsent(OwnershipLabels.SANDBOX, request.sandboxId());
        labels.putIfAbsent(OwnershipLabels.INSTALLATION, owner.installationId());
        if (!request.sandboxId().equals(labels.get(OwnershipLabels.SANDBOX))
                || !owner.installationId().equals(labels.get(OwnershipLabels.INSTALLATION))) {
            throw new ExtensionException.ProvisionFailed("the request's ownership labels name sandbox "
                    + labels.get(OwnershipLabels.SANDBOX) + " of installation " + labels.get(OwnershipLabels.INSTALLATION)
                    + ", but this is sandbox " + request.sandboxId() + " of installation " + owner.installationId(),
                    "", null);
        }
        return Map.copyOf(labels);
    }

    public List<Container> containers(String sandboxId) {
        return podman.containers(selector(sandboxId));
    }

    /** Whether anything of the sandbox exists, e.g. left by a create that crashed half-way. */
    public boolean anyLeft(String sandboxId) {
        Map<String, String> selector = selector(sandboxId);
        return !podman.containers(selector).isEmpty() || !podman.networks(selector).isEmpty()
                || !podman.volumes(selector).isEmpty() || work.exists(sandboxId);
    }

    /**
     * {@link #anyLeft} for a create that has just listed the sandbox's containers: only the kinds of resource
     * this sandbox's spec makes can have been left by an earlier attempt, so the others are not asked for
     * (each listing is a podman process, ~45 ms).
     */
    public boolean anyLeft(String sandboxId, List<Container> listed, boolean makesNetworks, boolean makesVolumes) {
        Map<String, String> selector = selector(sandboxId);
        return !listed.isEmpty() || (makesNetworks && !podman.networks(selector).isEmpty())
                || (makesVolumes && !podman.volumes(selector).isEmpty()) || work.exists(sandboxId);
    }

    /**
     * Removes the sandbox: containers first (they hold the networks and volumes), then networks, volumes and
     * the work directory. Absent things are fine, so this is idempotent.
     */
    public void remove(String sandboxId) {
        Map<String, String> selector = selector(sandboxId);
        podman.removeContainers(podman.containers(selector).stream().map(Container::id).toList());
        podman.removeNetworks(podman.networks(selector).stream().map(LabelledName::name).toList());
        podman.removeVolumes(podman.volumes(selector).stream().map(LabelledName::name).toList());
        work.remove(sandboxId);
    }

    public List<OwnedResource> owned(Owner whose) {
        Map<String, String> selector = Map.of(OwnershipLabels.INSTALLATION, whose.installationId());
        List<OwnedResource> owned = new ArrayList<>();
        for (Container c : podman.containers(selector)) {
            owned.add(new OwnedResource("container", c.name(), c.label(OwnershipLabels.SANDBOX), c.labels()));
        }
        for (LabelledName n : podman.networks(selector)) {
            owned.add(new OwnedResource("network", n.name(), sandboxOf(n), n.labels()));
        }
        for (LabelledName v : podman.volumes(selector)) {
            owned.add(new OwnedResource("volume", v.name(), sandboxOf(v), v.labels()));
        }
        owned.addAll(work.owned(whose));
        return owned;
    }

    private static String sandboxOf(LabelledName resource) {
        return resource.labels().getOrDefault(OwnershipLabels.SANDBOX, "");
    }
}
