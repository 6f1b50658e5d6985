package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Progress follows stderr: a terminal there means a person is watching, whatever stdout is. */
class TerminalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "/dev/pts/3, true",
        "/dev/tty1, true",
        "/dev/tty, true",
        "/home/me/out.txt, false",
        "pipe:[123456], false",
        "/dev/null, false",
        "socket:[42], false",
    })
    void stderrIsATerminalWhenItsDescriptorPointsAtOne(String target, boolean terminal) throws IOException {
        Path fd = Files.createSymbolicLink(dir.resolve("2"), Path.of(target));
        assertThat(Terminal.isTerminal(fd)).contains(terminal);
    }

    @Test
    void withoutProcTheAnswerIsLeftToTheConsole() {
        assertThat(Terminal.isTerminal(dir.resolve("no-such-fd"))).isEqualTo(Optional.empty());
    }

    @Test
    void underTheTestRunnerStderrIsNoTerminal() {
        // Surefire's forked JVM writes stderr to a pipe; on Linux the real link says so.
        if (Files.isSymbolicLink(Path.of("/proc/self/fd/2"))) {
            assertThat(Terminal.stderrIsTerminal()).isFalse();
        }
    }
}
