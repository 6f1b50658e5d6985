package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The podman command line on one host, reached through a transport. Every call is an argv list; values
 * that come from a profile or a request are only ever single argv elements, never parsed by a shell.
 */
public final class Podman {
    public static final String INSTALL_HINT = "apt-get install podman runc (and configure runc + cgroupfs in "
            + "/etc/containers/containers.conf where crun refuses the host's cgroups)";

    private final Transport transport;
    private final String program;

    public Podman(Transport transport, String program) {
        this.transport = transport;
        this.program = program;
    }

    public Transport transport() {
        return transport;
    }

    public String program() {
        return program;
    }

    public CommandResult run(List<String> args) {
        return run(Command.DEFAULT_TIMEOUT, args);
    }

    public CommandResult run(Duration timeout, List<String> args) {
        return call(new Command(argv(args), Map.of(), new byte[0], timeout));
    }

    public CommandResult run(Duration timeout, List<String> args, byte[] stdin) {
        return call(new Command(argv(args), Map.of(), stdin, timeout));
    }

    /**
     * Runs with extra environment for this one podman process only, e.g. secret values that the arguments
     * name ({@code --env NAME}) but never contain.
     */
    public CommandResult runWithEnv(Duration timeout, List<String> args, Map<String, String> env) {
        return call(new Command(argv(args), env, new byte[0], timeout));
    }

    /**
     * Every podman call goes through here: a command that cannot be started (podman missing, host unreachable)
     * is the typed {@link ExtensionException.Unavailable}, never a bare {@link TransportException}.
     */
    private CommandResult call(Command command) {
        try {
            return transport.run(command);
        } catch (TransportException e) {
            throw cannotRun(command.argv().getFirst(), INSTALL_HINT, e);
        }
    }

    /** The failure for a tool that could not be started through the transport, in plain words. */
    public ExtensionException cannotRun(String tool, String hint, TransportException e) {
        if (e.getCause() instanceof InterruptedException) {
            return new ExtensionException.BackendFailure(e.getMessage(), e);
        }
        return new ExtensionException.Unavailable("cannot run " + tool + " on " + transport.location() + ": "
                + e.getMessage(), hint);
    }

    /** Runs and insists on success; the failure names the step and carries podman's own last words. */
    public CommandResult require(String step, List<String> args) {
        CommandResult result = run(args);
        if (!result.ok()) {
            throw new ExtensionException.BackendFailure(step + " failed: " + lastWords(result), null);
        }
        return result;
    }

    private List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(program);
        argv.addAll(args);
        return argv;
    }

    public boolean installed() {
        try {
            return transport.hasProgram(program);
        } catch (TransportException e) {
            return false;
        }
    }

    /** The missing-tool failure every verb raises, in plain words (no stack trace reaches a user). */
    public ExtensionException.Unavailable unavailable() {
        return new ExtensionException.Unavailable(program + " is not installed on " + transport.location(),
                INSTALL_HINT);
    }

    /** A host that cannot be reached (down, changed host key, refused login) says so, not "not installed". */
    public void requireInstalled() {
        boolean present;
        try {
            present = transport.hasProgram(program);
        } catch (TransportException e) {
            throw cannotRun(program, INSTALL_HINT, e);
        }
        if (!present) {
            throw unavailable();
        }
    }

    public Health health() {
        if (!installed()) {
            return Health.unavailable(program + " is not installed", INSTALL_HINT);
        }
        try {
            CommandResult info = run(Duration.ofSeconds(30),
                    List.of("info", "--format", "{{.Version.Version}} {{.Host.OCIRuntime.Name}}"));
            if (!info.ok()) {
                return Health.unavailable("podman info failed: " + lastWords(info),
                        "run 'podman info' on " + transport.location() + " and fix what it reports");
            }
            String[] parts = info.stdout().strip().split(" ");
            return Health.ok("podman " + parts[0] + (parts.length > 1 ? ", runtime " + parts[1] : ""));
        } catch (ExtensionException e) {
            return Health.unavailable(e.getMessage(), INSTALL_HINT);
        }
    }

    /** Containers carrying all of these labels (podman ANDs label filters for containers). */
    public List<Container> containers(Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of("ps", "-a"));
        args.addAll(filters(labels));
        args.addAll(List.of("--format", "json"));
        CommandResult result = require("podman ps", args);
        return Container.parseList(PodmanJson.array(result.stdout(), "podman ps")).stream()
                .filter(c -> hasAll(c.labels(), labels)).toList();
    }

    /**
     * Volumes carrying all of these labels. podman 4.3 ORs several label filters for volumes (unlike
     * containers and networks), so the filter only narrows and the labels are checked here again.
     */
    public List<LabelledName> volumes(Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of("volume", "ls"));
        args.addAll(filters(labels));
        args.addAll(List.of("--format", "json"));
        CommandResult result = require("podman volume ls", args);
        return LabelledName.parseList(PodmanJson.array(result.stdout(), "podman volume ls")).stream()
                .filter(v -> hasAll(v.labels(), labels)).toList();
    }

    public List<LabelledName> networks(Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of("network", "ls"));
        args.addAll(filters(labels));
        args.addAll(List.of("--format", "json"));
        CommandResult result = require("podman network ls", args);
        return LabelledName.parseList(PodmanJson.array(result.stdout(), "podman network ls")).stream()
                .filter(n -> hasAll(n.labels(), labels)).toList();
    }

    /**
     * Removes containers at once ({@code -t 0}: workloads are disposable and a shell as PID 1 ignores SIGTERM,
     * which would cost the full stop timeout), with their anonymous volumes ({@code -v}, e.g. from an image's
     * VOLUME) which would otherwise be left unlabelled.
     */
    public void removeContainers(List<String> idsOrNames) {
        if (idsOrNames.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("rm", "-f", "-i", "-v", "-t", "0"));
        args.addAll(idsOrNames);
        require("podman rm", args);
    }

    public void removeNetworks(List<String> names) {
        for (String name : names) {
            CommandResult result = run(List.of("network", "rm", "-f", name));
            if (!result.ok() && !result.stderr().contains("network not found")) {
                throw new ExtensionException.BackendFailure("podman network rm failed: " + lastWords(result), null);
            }
        }
    }

    public void removeVolumes(List<String> names) {
        for (String name : names) {
            CommandResult result = run(List.of("volume", "rm", "-f", name));
            if (!result.ok() && !result.stderr().contains("no such volume")) {
                throw new ExtensionException.BackendFailure("podman volume rm failed: " + lastWords(result), null);
            }
        }
    }

    /**
     * The last lines a container printed, stdout and stderr interleaved as written. A fixed script merges the
     * streams; the program and container are positional arguments, never part of the script.
     */
    public String logTail(String container, int lines) {
        CommandResult result = call(Command.of("sh", "-c", "exec \"$@\" 2>&1", "sh", program, "logs",
                "--tail", Integer.toString(Math.max(1, lines)), container).withTimeout(Duration.ofSeconds(30)));
        if (result.exitCode() == 127) {
            // sh could not find podman: the output is sh's complaint, not the container's log.
            throw new ExtensionException.Unavailable(program + " cannot be run on " + transport.location() + ": "
                    + result.stdout().strip(), INSTALL_HINT);
        }
        return result.stdout().stripTrailing();
    }

    /**
     * Runs argv verbatim in a container. podman's own failures (exit 125) are backend failures, not the
     * command's exit code. A timeout stops only the podman client: the process may run on inside the
     * sandbox, and the result says so.
     */
    public ExecResult exec(String container, ExecRequest request) {
        List<String> args = new ArrayList<>(List.of("exec"));
        request.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.addAll(List.of("--env", e.getKey() + "=" + e.getValue())));
        args.add(container);
        args.addAll(request.argv());
        CommandResult result = run(request.timeout(), args);
        if (result.timedOut()) {
            return new ExecResult(124, result.stdout(), result.stderr() + "\n[sand-boxer] exec timed out after "
                    + request.timeout().toSeconds() + " s; the process may still run inside the sandbox\n");
        }
        if (result.exitCode() == 125) {
            throw new ExtensionException.BackendFailure("podman exec failed: " + lastWords(result), null);
        }
        return new ExecResult(result.exitCode(), result.stdout(), result.stderr());
    }

    public static List<String> labelArgs(Map<String, String> labels) {
        List<String> args = new ArrayList<>();
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.addAll(List.of("--label", e.getKey() + "=" + e.getValue())));
        return args;
    }

    private static List<String> filters(Map<String, String> labels) {
        List<String> args = new ArrayList<>();
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.addAll(List.of("--filter", "label=" + e.getKey() + "=" + e.getValue())));
        return args;
    }

    private static boolean hasAll(Map<String, String> actual, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }

    /** podman's own error line, without its "Error: " prefix, for messages a person reads. */
    public static String lastWords(CommandResult result) {
        if (result.timedOut()) {
            return "timed out";
        }
        String tail = result.tail(1).strip();
        if (tail.startsWith("Error: ")) {
            tail = tail.substring("Error: ".length());
        }
        return tail.isEmpty() ? "exit code " + result.exitCode() : tail;
    }
}
