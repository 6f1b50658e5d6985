package dev.sandboxer.bench;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The extensions' transport, timed per command ({@code podman ps}, {@code podman create}, ...), and the argv
 * of each kept, so a baseline can replay exactly the flags the extension used.
 */
final class TimedTransport implements Transport {
    private final Transport inner;
    private final StepTimes steps;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    TimedTransport(Transport inner, StepTimes steps) {
        this.inner = inner;
        this.steps = steps;
    }

    /** The argv of every command run so far, oldest first. */
    List<List<String>> commands() {
        return commands;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public CommandResult run(Command command) {
        commands.add(command.argv());
        return steps.time(stepName(command.argv()), () -> inner.run(command));
    }

    /** {@code podman ps}, {@code podman network ls}, {@code podman-compose up}: program and verb, no values. */
    static String stepName(List<String> argv) {
        String program = Path.of(argv.getFirst()).getFileName().toString();
        List<String> words = argv.stream().skip(1).filter(a -> !a.startsWith("-")).limit(2).toList();
        if (program.equals("podman-compose")) {
            return argv.contains("up") ? "podman-compose up" : "podman-compose";
        }
        if (words.isEmpty()) {
            return program;
        }
        boolean twoWords = words.size() > 1 && List.of("network", "volume", "container").contains(words.getFirst());
        return program + " " + (twoWords ? words.get(0) + " " + words.get(1) : words.getFirst());
    }

    @Override
    public void makeDirectory(String path, int mode) throws IOException {
        steps.time("work files", () -> {
            inner.makeDirectory(path, mode);
            return null;
        });
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws IOException {
        steps.time("work files", () -> {
            inner.writeFile(path, content, mode);
            return null;
        });
    }

    @Override
    public void deleteTree(String path) throws IOException {
        steps.time("work files", () -> {
            inner.deleteTree(path);
            return null;
        });
    }

    @Override
    public List<String> list(String path) throws IOException {
        return steps.time("work files", () -> inner.list(path));
    }

    @Override
    public boolean hasProgram(String name) {
        return steps.time("PATH lookup", () -> inner.hasProgram(name));
    }
}
