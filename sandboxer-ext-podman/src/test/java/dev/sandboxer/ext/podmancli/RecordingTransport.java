package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * This machine, with a record of every command run (argv: what {@code ps} shows; env: what only that child
 * sees), of what each printed, and of every file written. {@link #whileRunning} looks at the host while a
 * command is in flight, e.g. to prove no file holds a secret while podman-compose runs.
 */
public final class RecordingTransport implements Transport {
    /** One command and what it printed. */
    public record Run(Command command, CommandResult result) {
    }

    /** One file written through the transport. */
    public record Written(String path, byte[] content) {
    }

    private final LocalTransport local = new LocalTransport();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<Written> written = new CopyOnWriteArrayList<>();
    private volatile Consumer<Command> whileRunning = command -> { };

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    public List<Written> written() {
        return List.copyOf(written);
    }

    public void clear() {
        runs.clear();
        written.clear();
        whileRunning = command -> { };
    }

    /** Called once the command has started, before its result is awaited (a second thread looks). */
    public void whileRunning(Consumer<Command> look) {
        this.whileRunning = look;
    }

    @Override
    public String location() {
        return local.location();
    }

    @Override
    public CommandResult run(Command command) {
        Consumer<Command> look = whileRunning;
        Thread looker = Thread.ofVirtual().start(() -> look.accept(command));
        CommandResult result;
        try {
            result = local.run(command);
        } finally {
            try {
                looker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runs.add(new Run(command, result));
        return result;
    }

    @Override
    public void makeDirectory(String path, int mode) throws IOException {
        local.makeDirectory(path, mode);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws IOException {
        written.add(new Written(path, content.clone()));
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
        return local.hasProgram(name);
    }

    /** Every regular file under {@code dir} whose bytes contain {@code text}. */
    public static List<Path> filesContaining(Path dir, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                        found.add(file);
                    }
                } catch (IOException e) {
                    // Deleted while we looked: it held nothing any more.
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A directory vanished mid-walk; what was read is the answer.
        }
        return found;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
