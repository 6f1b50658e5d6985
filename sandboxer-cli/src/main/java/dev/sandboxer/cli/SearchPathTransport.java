package dev.sandboxer.cli;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs host commands locally, finding programs on the PATH of the environment the CLI was given rather than
 * the JVM's own. The JVM resolves a bare program name against the PATH it started with, so without this a
 * run with {@code PATH=/nonexistent} would still find podman, and doctor could not be tested honestly.
 */
final class SearchPathTransport implements Transport {
    private static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final LocalTransport local = new LocalTransport();
    private final String path;

    SearchPathTransport(Map<String, String> env) {
        this.path = env.getOrDefault("PATH", FALLBACK_PATH);
    }

    @Override
    public String location() {
        return local.location();
    }

    @Override
    public CommandResult run(Command command) {
        String program = command.argv().getFirst();
        Path resolved = find(program).orElseThrow(() -> new TransportException(program + ": not found on PATH "
                + path, null));
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, resolved.toString());
        // The program sees the same PATH it was found on, so the tools it runs in turn are found alike.
        Map<String, String> env = new HashMap<>(command.env());
        env.putIfAbsent("PATH", path);
        return local.run(new Command(argv, env, command.stdin(), command.timeout()));
    }

    @Override
    public boolean hasProgram(String name) {
        return find(name).isPresent();
    }

    private Optional<Path> find(String program) {
        if (program.contains("/")) {
            Path direct = Path.of(program);
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void makeDirectory(String dir, int mode) throws IOException {
        local.makeDirectory(dir, mode);
    }

    @Override
    public void writeFile(String file, byte[] content, int mode) throws IOException {
        local.writeFile(file, content, mode);
    }

    @Override
    public void deleteTree(String dir) throws IOException {
        local.deleteTree(dir);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return local.list(dir);
    }
}
