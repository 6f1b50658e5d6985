package dev.sandboxer.cli;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.ProfileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into a short report on stderr and a documented exit code. A user sees
 * {@code error: ...} and, where there is one, {@code hint: ...}; a stack trace only with {@code --debug},
 * because a trace is for whoever fixes sand-boxer, not for whoever uses it.
 */
final class FailureReport implements IExecutionExceptionHandler, IParameterExceptionHandler,
        IExitCodeExceptionMapper {

    static final int INTERNAL = 1;
    static final int INVALID = 2;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        switch (failure) {
            case SandboxerException known -> {
                err.println("error: " + known.getMessage());
                if (!known.hint().isBlank()) {
                    err.println("hint: " + known.hint());
                }
                if (known instanceof SandboxerException.ProvisionFailed failed && !failed.diagnostics().isBlank()) {
                    err.println("diagnostics:");
                    failed.diagnostics().strip().lines().forEach(line -> err.println("  " + line));
                }
            }
            case ProfileException profile -> {
                err.println("error: " + profile.getMessage());
                err.println("hint: run 'sandboxer profiles validate FILE' to see every problem");
            }
            case IllegalArgumentException invalid -> err.println("error: " + invalid.getMessage());
            default -> err.println("error: internal error: " + describe(failure));
        }
        if (debug(command)) {
            failure.printStackTrace(err);
        } else if (getExitCode(failure) == INTERNAL) {
            err.println("hint: run again with --debug to see where it happened");
        }
        err.flush();
        return getExitCode(failure);
    }

    @Override
    public int handleParseException(ParameterException invalid, String[] args) {
        CommandLine command = invalid.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + invalid.getMessage());
        UnmatchedArgumentException.printSuggestions(invalid, err);
        err.println("try '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return INVALID;
    }

    @Override
    public int getExitCode(Throwable failure) {
        return switch (failure) {
            case SandboxerException known -> known.exitCode();
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
