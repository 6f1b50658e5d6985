package dev.sandboxer.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend that can establish sandboxes. The engine calls only the verbs whose {@link Capability} the
 * {@link #descriptor()} declares; the default implementations of optional verbs refuse with
 * {@link ExtensionException.Unsupported}, so an extension that does not override them is correct.
 *
 * <p>Contract every implementation keeps (the TCK checks each):
 * <ul>
 *   <li>{@link #create} is idempotent on {@link ProvisionRequest#sandboxId()}: calling it again returns the
 *       same sandbox rather than making a second one.</li>
 *   <li>{@link #create} that fails leaves nothing behind, and says why in the exception.</li>
 *   <li>{@link #destroy} is idempotent: a sandbox already gone is success.</li>
 *   <li>Every backend resource carries the request's {@link ProvisionRequest#labels() ownership labels},
 *       and {@link #listOwned} finds resources by those labels only, never by name.</li>
 * </ul>
 */
public interface Extension extends AutoCloseable {

    ExtensionDescriptor descriptor();

    /** Whether the backend can be used now (tool installed, daemon reachable); never throws. */
    default Health health() {
        return Health.ok("no health check");
    }

    /**
     * Checks the extension's section of a profile before anything is made, so bad input changes nothing.
     *
     * @return one {@code "path: problem"} line per problem; empty when the spec is fine
     */
    default List<String> validateSpec(Map<String, Object> spec) {
        return List.of();
    }

    /**
     * The prices this extension charges; operators may override them in configuration. The default is
     * {@link PriceSheet#free()}: usage is still metered, nothing is charged.
     */
    default PriceSheet priceSheet() {
        return PriceSheet.free();
    }

    /**
     * Estimates, before anything is provisioned, what a sandbox with {@code resources} held for {@code ttl}
     * will cost under {@code sheet} (the one in force, which may be an operator's override), in whole minor
     * units. The default prices the whole TTL as running time; an extension with minimum billing periods or
     * setup fees overrides it.
     */
    default long estimateCost(Resources resources, Duration ttl, PriceSheet sheet) {
        return sheet.cost(resources, ttl.toMillis(), 0);
    }

    Provisioned create(ProvisionRequest request, Progress progress);

    Observation observe(BackendRef ref);

    void destroy(BackendRef ref);

    List<OwnedResource> listOwned(Owner owner);

    /** {@link Capability#EXEC}: runs argv inside the sandbox (its main workload for multi-service ones). */
    default ExecResult exec(BackendRef ref, ExecRequest request) {
        throw new ExtensionException.Unsupported(descriptor().id(), Capability.EXEC);
    }

    /** {@link Capability#EXTEND_DEADLINE}: moves the backend-side deadline; returns the one now in force. */
    default Instant extendDeadline(BackendRef ref, Instant newDeadline) {
        throw new ExtensionException.Unsupported(descriptor().id(), Capability.EXTEND_DEADLINE);
    }

    /** {@link Capability#PAUSE}. */
    default void pause(BackendRef ref) {
        throw new ExtensionException.Unsupported(descriptor().id(), Capability.PAUSE);
    }

    /** {@link Capability#PAUSE}. */
    default void resume(BackendRef ref) {
        throw new ExtensionException.Unsupported(descriptor().id(), Capability.PAUSE);
    }

    /** {@link Capability#LOGS}: the last lines the workload printed, for failure reports. */
    default Optional<String> logTail(BackendRef ref, int lines) {
        throw new ExtensionException.Unsupported(descriptor().id(), Capability.LOGS);
    }

    @Override
    default void close() {
    }
}
