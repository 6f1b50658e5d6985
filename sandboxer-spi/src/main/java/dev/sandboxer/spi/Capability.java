package dev.sandboxer.spi;

/** Optional abilities an extension declares; profiles require them and the router matches on them. */
public enum Capability {
    /** Run a command inside the sandbox. */
    EXEC,
    /** A deadline enforced by the backend itself, set at create (survives the control plane being down). */
    BACKEND_DEADLINE,
    /** The backend deadline can be moved after create. */
    EXTEND_DEADLINE,
    PAUSE,
    LOGS,
    /** Publishes container ports on a host address the engine allocates. */
    PUBLISHED_PORTS,
    /** Applies the profile's egress policy (deny by default). */
    NETWORK_POLICY,
    /** Applies cpu and memory limits. */
    RESOURCE_LIMITS,
    /** Persistent named volumes, e.g. a workspace. */
    VOLUMES,
    /** Runs a multi-service stack (compose file). */
    MULTI_SERVICE,
    /** Writes setup files into the sandbox before it starts. */
    SETUP_FILES,
    /**
     * Places each sandbox on one of several registered hosts and honours a host the consumer pins it to
     * ({@link ProvisionRequest#placementHost()}); the engine refuses {@code create --host} for any other.
     */
    PLACEMENT;

    /** The lower-case id used in profiles, e.g. {@code published-ports}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Capability fromId(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
