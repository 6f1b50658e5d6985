package dev.sandboxer.core.engine;

/**
 * Named points in create and destroy where a crash test stops the process. With
 * {@code SANDBOXER_FAULT_PAUSE_AT=<point>} in its environment a process that reaches that point says so on
 * stderr ({@code fault-point: paused at <point>}) and waits, so the test can SIGKILL it exactly there. Without
 * the variable (always, outside tests) each point is one string comparison.
 */
final class FaultPoints {
    static final String VARIABLE = "SANDBOXER_FAULT_PAUSE_AT";
    private static final String PAUSE_AT = System.getenv(VARIABLE);

    /** Intent recorded (requested), nothing made. */
    static final String CREATE_REQUESTED = "create.requested";
    /** Ports claimed, state provisioning, the backend not yet called. */
    static final String CREATE_PROVISIONING = "create.provisioning";
    /** The backend made the resources; the record does not know them yet. */
    static final String CREATE_MADE = "create.made";
    /** The record knows the resources; not yet ready. */
    static final String CREATE_RECORDED = "create.recorded";
    /** Claimed for destroy (destroying); the backend not yet called. */
    static final String DESTROY_CLAIMED = "destroy.claimed";
    /** The backend removed everything; the record still says destroying. */
    static final String DESTROY_REMOVED = "destroy.removed";

    private FaultPoints() {
    }

    static void reached(String point) {
        if (!point.equals(PAUSE_AT)) {
            return;
        }
        System.err.println("fault-point: paused at " + point);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Only a kill ends this: the test wants the process to die exactly here.
            }
        }
    }
}
