package dev.sandboxer.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import picocli.CommandLine;

/** The {@code sandboxer} command: parses, runs one command, and exits with its documented code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = Charset.forName(System.getProperty("stdout.encoding", Charset.defaultCharset().name()));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** Runs one command line in-process with the real control plane of {@code --home} (or the environment's). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, out, err, CliEnvironment.standard(env));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment environment) {
        try {
            return commandLine(environment).setOut(out).setErr(err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(CliEnvironment environment) {
        FailureReport failures = new FailureReport();
        return new CommandLine(new SandboxerCommand(environment))
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures)
                .setExitCodeExceptionMapper(failures)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
