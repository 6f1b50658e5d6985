package dev.sandboxer.core.host;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.util.List;

/** For building an extension only to read its descriptor or check a spec: it must not reach any host. */
final class NoHostTransport implements Transport {
    @Override
    public String location() {
        return "no host";
    }

    @Override
    public CommandResult run(Command command) {
        throw new TransportException("no host chosen yet", null);
    }

    @Override
    public void makeDirectory(String path, int mode) throws IOException {
        throw new IOException("no host chosen yet");
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws IOException {
        throw new IOException("no host chosen yet");
    }

    @Override
    public void deleteTree(String path) throws IOException {
        throw new IOException("no host chosen yet");
    }

    @Override
    public List<String> list(String path) {
        return List.of();
    }
}
