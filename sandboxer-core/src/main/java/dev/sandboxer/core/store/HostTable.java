package dev.sandboxer.core.store;

import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import java.util.List;
import java.util.Optional;

/** The host registry, reservations and telemetry history, inside one transaction ({@link StoreSession#hosts()}). */
public interface HostTable {

    /** @return false when a host of that name exists already */
    boolean insert(Host host);

    Optional<Host> find(String name);

    /** Every host, by name. */
    List<Host> all();

    void updateState(String name, Host.State state);

    void delete(String name);

    /** What live sandboxes hold on the host: cpu, memory and their count. */
    Host.Capacity reserved(String name);

    /** Sandboxes holding a place on the host. */
    List<String> reservations(String name);

    /** Where a sandbox holds its place, if anywhere. */
    Optional<String> hostOf(String sandboxId);

    void reserve(String sandboxId, String host, Host.Capacity demand);

    /** @return whether the sandbox held a place */
    boolean release(String sandboxId);

    /** Appends a sample and drops the oldest beyond {@code keep} for that host. */
    void appendSample(HostSample sample, int keep);

    /** The newest samples of a host, newest first. */
    List<HostSample> samples(String name, int limit);
}
