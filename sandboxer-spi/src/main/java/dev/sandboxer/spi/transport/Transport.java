package dev.sandboxer.spi.transport;

import java.io.IOException;
import java.util.List;

/**
 * Runs commands and manages files on one host. Implementations: {@link LocalTransport}; SSH later.
 * Paths are on the target host.
 */
public interface Transport {

    /** e.g. {@code local} or {@code ssh://user@host:22}: shown as where a sandbox runs. */
    String location();

    /**
     * Runs argv to completion or timeout. Never throws for a non-zero exit; throws
     * {@link TransportException} only when the command could not be started or the host not reached.
     */
    CommandResult run(Command command);

    /** Creates the directory and its parents with the given POSIX mode on the last element. */
    void makeDirectory(String path, int mode) throws IOException;

    /** Writes a file atomically enough for our use (write then rename), with the given mode. */
    void writeFile(String path, byte[] content, int mode) throws IOException;

    /** Removes a directory tree; absent is fine. */
    void deleteTree(String path) throws IOException;

    /** Lists the names directly under a directory; absent gives an empty list. */
    List<String> list(String path) throws IOException;

    /** Whether an executable is on the host's PATH. */
    default boolean hasProgram(String name) {
        CommandResult r = run(Command.of("sh", "-c", "command -v \"$0\"", name));
        return r.ok();
    }
}
