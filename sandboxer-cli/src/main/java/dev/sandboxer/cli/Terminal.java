package dev.sandboxer.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a person is watching stderr, where progress goes. {@code System.console()} is the wrong question:
 * it wants stdin and stdout to be terminals too, so {@code sandboxer create ... > out.txt} at a terminal would
 * hide the progress the person is waiting for (and on JDK 22 to 24 it answers even when nothing is a
 * terminal). On Linux the answer is where file descriptor 2 points.
 */
final class Terminal {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        return isTerminal(STDERR).orElseGet(Terminal::consoleIsTerminal);
    }

    /**
     * What {@code fd}, a {@code /proc/self/fd/N} link, says: a terminal when it points at {@code /dev/pts/*}
     * or {@code /dev/tty*}; not one when it points at a file, a pipe or {@code /dev/null}; empty when there is
     * no such link to read (not Linux, no /proc).
     */
    static Optional<Boolean> isTerminal(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            return Optional.empty();
        }
        return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"));
    }

    /** Elsewhere: a console, and on JDK 22+ one that says it is a terminal ({@code Console.isTerminal()}). */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true; // before JDK 22 a console exists only when stdin and stdout are terminals
        }
    }
}
