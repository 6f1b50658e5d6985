package dev.sandboxer.spi;

/** What the backend says about a sandbox now. */
public record Observation(Status status, String detail) {

    public enum Status {
        /** All of it runs. */
        RUNNING,
        /** It exists but its workload stopped (e.g. the backend deadline fired, or it crashed). */
        STOPPED,
        PAUSED,
        /** The backend has nothing for it. */
        GONE,
        /** The backend could not be asked. */
        UNKNOWN
    }

    public static Observation gone() {
        return new Observation(Status.GONE, "no backend resources");
    }
}
