package dev.sandboxer.cli;

import dev.sandboxer.client.SandboxerClient;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: its spec (for the writers tests capture), the global options and the
 * environment, both held by the root command. The {@code @Command} here lets the annotation processor accept
 * the {@code @Spec} and gives every command's {@code --version} the real version; each subclass declares its
 * own name and texts.
 */
@Command(versionProvider = VersionCommand.Provider.class)
abstract class Subcommand implements Callable<Integer> {
    /** Recreate and exec answer only when done; a remote CLI waits as long as an embedded one would. */
    private static final Duration REMOTE_REQUEST_TIMEOUT = Duration.ofMinutes(15);

    @Spec
    CommandSpec spec;

    final SandboxerCommand root() {
        return (SandboxerCommand) spec.root().userObject();
    }

    final GlobalOptions global() {
        return root().global();
    }

    final CliEnvironment environment() {
        return root().environment();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final Consumer consumer() {
        return global().consumer(environment().env());
    }

    final ControlPlanes.Session openControlPlane() {
        CliEnvironment env = environment();
        return env.planes().open(global().home(env.env()), env.env(), env.clock(), env.transport());
    }

    /**
     * The verbs, answered by the server when one is named ({@code --server}, {@code SANDBOXER_SERVER}) and by
     * the embedded engine otherwise, acting as {@link #consumer()} within {@code scope} (embedded only: a
     * server goes by the token).
     */
    final Sandboxes sandboxes(Scope scope) {
        CliEnvironment env = environment();
        Optional<ServerTarget> server = ServerTarget.resolve(global(), env.env());
        if (server.isPresent()) {
            return new RemoteSandboxes(SandboxerClient.builder().baseUrl(server.get().url())
                    .token(server.get().token()).requestTimeout(REMOTE_REQUEST_TIMEOUT).build());
        }
        SandboxerHome home = global().home(env.env());
        return new EmbeddedSandboxes(this::openControlPlane, home, consumer(), scope,
                new HostChecks(env.transport(), env.env(), home), env.clock());
    }

    /** Whether {@link #sandboxes} answers from a server. */
    final boolean remote() {
        return ServerTarget.resolve(global(), environment().env()).isPresent();
    }

    /** Prints one value as indented JSON on stdout. */
    final void printJson(Object value) {
        out().println(JsonFormat.pretty(value));
    }

    /**
     * This command again, as a line to paste: the global options that decide what it sees ({@code --home},
     * {@code --server}, {@code --token-file}, {@code --as}) as the user gave them, then this command's name and {@code args}.
     */
    final String again(List<String> args) {
        List<String> words = new ArrayList<>(List.of("sandboxer"));
        GlobalOptions global = global();
        if (global.home != null) {
            words.addAll(List.of("--home", global.home.toString()));
        }
        if (global.server != null) {
            words.addAll(List.of("--server", global.server));
        }
        if (global.tokenFile != null) {
            words.addAll(List.of("--token-file", global.tokenFile.toString()));
        }
        if (global.as != null) {
            words.addAll(List.of("--as", global.as.toString()));
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec c = spec; c.parent() != null; c = c.parent()) {
            names.addFirst(c.name());
        }
        words.addAll(names);
        words.addAll(args);
        return ShellWords.join(words);
    }

    final RelativeTime relative() {
        return new RelativeTime(environment().clock().instant());
    }
}
