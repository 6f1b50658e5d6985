package dev.sandboxer.cli;

import dev.sandboxer.spi.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --progress}: the steps of a long verb on stderr. Shown anyway when a person is at a terminal;
 * otherwise stderr stays empty on success, so scripts can treat any stderr output as trouble.
 */
public final class ProgressOption {

    @Option(names = "--progress", description = "Show progress steps on stderr even when not at a terminal.")
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
