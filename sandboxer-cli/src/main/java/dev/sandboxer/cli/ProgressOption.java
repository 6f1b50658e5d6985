package dev.sandboxer.cli;

import dev.sandboxer.spi.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --progress}: the steps of a long verb on stderr. Shown anyway when stderr is a terminal (even with
 * stdout redirected to a file); otherwise stderr stays empty on success, so scripts can treat any stderr
 * output as trouble.
 */
public final class ProgressOption {

    @Option(names = "--progress", description = "Show progress steps on stderr even when it is not a terminal.")
    boolean progress;

    Progress reporter(boolean interactive, PrintWriter err) {
        if (!progress && !interactive) {
            return Progress.NONE;
        }
        return message -> {
            err.println("... " + message);
            err.flush();
        };
    }
}
