package dev.sandboxer.ext.podmancli;

/**
 * What a container is for, as a label: the state blob the engine hands back may be empty (after a restart,
 * or for an orphan), so the backend itself must say which container is the workload and which is ours.
 */
public final class Roles {
    public static final String LABEL = "dev.sandboxer.role";
    /** The container that runs the profile's workload; exec and logs go there. */
    public static final String WORKLOAD = "workload";
    /** A compose service that is not the main one. */
    public static final String SERVICE = "service";
    public static final String PORT_GATEWAY = PortGateway.ROLE;

    private Roles() {
    }
}
