package dev.sandboxer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the command tree; holds what every command shares. */
@Command(name = "sandboxer", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Creates short-lived sandboxes from profiles (recipes) on extensions (backends), "
                + "enforces their time limits and records what happened.",
        subcommands = {
            CreateCommand.class, ListCommand.class, DescribeCommand.class, ExecCommand.class,
            ExtendCommand.class, DestroyCommand.class, RecreateCommand.class, EventsCommand.class,
            OperationsCommand.class, OperationCommand.class,
            ReapCommand.class, ReconcileCommand.class, ProfilesCommand.class, ExtensionsCommand.class,
            DoctorCommand.class,
            VersionCommand.class, ServeCommand.class, TokensCommand.class,
            EstimateCommand.class, CreditsCommand.class, KeysCommand.class, HostsCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:internal error (run again with --debug)",
            "2:bad input: unknown profile, invalid input, TTL above maximum, usage error",
            "3:not found",
            "4:conflict: wrong state, idempotency key reused, not enough credits or over the spend cap",
            "5:backend unavailable, or the server cannot be reached",
            "6:provisioning failed (the backend's diagnostics are printed)",
            "7:not allowed: no valid token for the server, or an operator-only command",
            "125:exec: sand-boxer failed, not the command (any of the above); an error: line on stderr says why",
            "126:exec: the command cannot be run (not executable)",
            "127:exec: the command was not found",
            "N:exec: otherwise the command's own exit code",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer doctor",
            "  sandboxer create --profile health-probe --ttl 5m",
            "  sandboxer list",
            "  sandboxer exec sb-0123abcd -- echo hi",
            "  sandboxer destroy sb-0123abcd",
        })
public final class SandboxerCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;

    public SandboxerCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    GlobalOptions global() {
        return global;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** Without a command there is nothing to do: say what there is, and count it as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return FailureReport.INVALID;
    }
}
