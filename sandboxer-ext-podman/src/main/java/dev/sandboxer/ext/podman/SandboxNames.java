package dev.sandboxer.ext.podman;

import dev.sandboxer.ext.podmancli.BackendNames;

/** Names of one sandbox's podman resources (for people; ownership is by label). */
record SandboxNames(String container, String gateway, String internalNetwork, String edgeNetwork, String prefix) {

    /** The workload's name on the internal network, used by the port gateway to reach it. */
    static final String WORKLOAD_ALIAS = "workload";

    static SandboxNames of(String sandboxId) {
        String base = "sbx-" + BackendNames.safe(sandboxId);
        return new SandboxNames(base, base + "-ports", base, base + "-edge", base);
    }

    String volume(String name) {
        return prefix + "-" + name;
    }
}
