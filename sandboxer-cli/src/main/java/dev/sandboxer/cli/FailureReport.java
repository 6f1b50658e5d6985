package dev.sandboxer.cli;

import dev.sandboxer.client.ClientException;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.ProfileException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into a short report on stderr and a documented exit code. A user sees
 * {@code error: ...} and, where there is one, {@code hint: ...}; a stack trace only with {@code --debug},
 * because a trace is for whoever fixes sand-boxer, not for whoever uses it.
 *
 * <p>{@code exec} exits with the command's own code, so its own failures cannot use the codes 1-6 every other
 * command uses: a command that exits 3 would read as "not found". Like {@code podman exec}, {@code docker
 * exec}, {@code env} and {@code timeout}, every failure of {@code sandboxer exec} itself (usage, not found,
 * not ready, backend unavailable, internal) exits {@value #EXEC_FAILED} with the usual {@code error:} line;
 * 126 and 127 are the backend's "cannot run" and "not found" for the command, passed through.
 */
final class FailureReport implements IExecutionExceptionHandler, IParameterExceptionHandler,
        IExitCodeExceptionMapper {

    static final int INTERNAL = 1;
    static final int INVALID = 2;
    static final int UNAVAILABLE = 5;
    /** No valid token for the server, or an operator-only command run by someone else. */
    static final int ACCESS_DENIED = 7;
    /** {@code exec} could not run the command: sand-boxer itself failed, not the command. */
    static final int EXEC_FAILED = 125;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        switch (failure) {
            case SandboxerException known -> {
                say(err, "error: " + known.getMessage());
                if (!known.hint().isBlank()) {
                    say(err, "hint: " + known.hint());
                }
                if (known instanceof SandboxerException.ProvisionFailed failed && !failed.diagnostics().isBlank()) {
                    say(err, "diagnostics:");
                    failed.diagnostics().strip().lines().forEach(line -> say(err, "  " + line));
                }
            }
            case ClientException remote -> {
                say(err, "error: " + remote.getMessage());
                if (!remote.hint().isBlank()) {
                    say(err, "hint: " + remote.hint());
                }
            }
            case ProfileException profile -> {
                say(err, "error: " + profile.getMessage());
                say(err, "hint: run 'sandboxer profiles validate FILE' to see every problem");
            }
            case IllegalArgumentException invalid -> say(err, "error: " + invalid.getMessage());
            default -> say(err, "error: internal error: " + describe(failure));
        }
        if (debug(command)) {
            failure.printStackTrace(err);
        } else if (getExitCode(failure) == INTERNAL && !(failure instanceof ClientException)) {
            say(err, "hint: run again with --debug to see where it happened");
        }
        err.flush();
        return command.getCommandSpec().userObject() instanceof ExecCommand ? EXEC_FAILED : getExitCode(failure);
    }

    @Override
    public int handleParseException(ParameterException invalid, String[] args) {
        CommandLine command = invalid.getCommandLine();
        PrintWriter err = command.getErr();
        Optional<String> misplaced = command.getCommandSpec().userObject() instanceof CreateCommand create
                ? create.misplacedProfile() : Optional.empty();
        if (misplaced.isPresent()) {
            say(err, "error: " + misplaced.get());
        } else if (invalid.getCause() instanceof Converters.BadValue bad && invalid.getArgSpec() != null) {
            // The message already says how to write the value: one line, no pointer to --help.
            say(err, "error: " + name(invalid.getArgSpec()) + " '" + invalid.getValue() + "' " + bad.getMessage());
        } else {
            say(err, "error: " + invalid.getMessage());
            UnmatchedArgumentException.printSuggestions(invalid, err);
            say(err, "try '" + command.getCommandSpec().qualifiedName() + " --help'");
        }
        err.flush();
        return invokesExec(command, args) ? EXEC_FAILED : INVALID;
    }

    /** Every line a failure prints: a token secret the user typed in the wrong place is not echoed. */
    private static void say(PrintWriter err, String line) {
        err.println(dev.sandboxer.core.access.Tokens.redact(line));
    }

    /** How the user wrote the option ({@code --ttl}), or the positional parameter's label. */
    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /**
     * Whether the command line that failed to parse is an {@code exec}: the failure is in exec's own
     * arguments, or in the root's options ({@code sandboxer --as bad exec ...}) ahead of the word exec.
     */
    private static boolean invokesExec(CommandLine failed, String[] args) {
        CommandSpec spec = failed.getCommandSpec();
        if (spec.userObject() instanceof ExecCommand) {
            return true;
        }
        if (spec.parent() != null) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return false;
            }
            if (arg.startsWith("-")) {
                OptionSpec option = spec.findOption(arg);
                if (option != null && option.arity().max() > 0) {
                    i++; // its value
                }
                continue;
            }
            return arg.equals("exec");
        }
        return false;
    }

    @Override
    public int getExitCode(Throwable failure) {
        return switch (failure) {
            case SandboxerException known -> known.exitCode();
            case ClientException.AccessDenied denied -> ACCESS_DENIED;
            case ClientException.Unreachable unreachable -> UNAVAILABLE;
            case ClientException.UnexpectedAnswer garbled -> INTERNAL;
            case ProfileException profile -> INVALID;
            case IllegalArgumentException invalid -> INVALID;
            case ParameterException usage -> INVALID;
            default -> INTERNAL;
        };
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static boolean debug(CommandLine command) {
        return command.getCommandSpec().root().userObject() instanceof SandboxerCommand root && root.global().debug();
    }
}
