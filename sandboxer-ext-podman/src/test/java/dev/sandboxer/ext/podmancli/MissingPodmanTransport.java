package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.util.List;

/**
 * This machine as if podman were not installed: running {@code podman} fails to start, as it would through
 * any transport. {@code claimsPodman} makes {@code hasProgram("podman")} say yes anyway, as a stale or remote
 * PATH lookup can, so the failure surfaces only when podman is run.
 */
public final class MissingPodmanTransport implements Transport {
    private final LocalTransport local = new LocalTransport();
    private final boolean claimsPodman;

    public MissingPodmanTransport(boolean claimsPodman) {
        this.claimsPodman = claimsPodman;
    }

    @Override
    public String location() {
        return local.location();
    }

    @Override
    public CommandResult run(Command command) {
        if ("podman".equals(command.argv().getFirst())) {
            throw new TransportException("podman: not found", null);
        }
        return local.run(command);
    }

    @Override
    public void makeDirectory(String path, int mode) throws IOException {
        local.makeDirectory(path, mode);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws IOException {
        local.writeFile(path, content, mode);
    }

    @Override
    public void deleteTree(String path) throws IOException {
        local.deleteTree(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        return local.list(path);
    }

    @Override
    public boolean hasProgram(String name) {
        return "podman".equals(name) ? claimsPodman : local.hasProgram(name);
    }

    @Override
    public String toString() {
        return claimsPodman ? "podman on PATH but cannot be started" : "no podman";
    }
}
