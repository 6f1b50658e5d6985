package dev.sandboxer.cli;

import dev.sandboxer.core.model.Consumer;
import java.io.PrintWriter;
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

    /** Prints one value as indented JSON on stdout. */
    final void printJson(Object value) {
        out().println(JsonFormat.pretty(value));
    }

    final RelativeTime relative() {
        return new RelativeTime(environment().clock().instant());
    }
}
