package dev.sandboxer.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a user puts in an argument, an environment value or stdin arrives on the host byte for byte, over a
 * real SSH connection, and nothing in it is ever run: every generated value mixes shell syntax ({@code $()},
 * backticks, quotes, newlines, globs, separators) with arbitrary text, and a canary file must never appear.
 */
class QuotingProperties {
    private static final Path CANARY = Path.of("/tmp/sandboxer-quoting-canary");
    private static SshdHost host;
    private static SshTransport transport;

    @BeforeContainer
    static void start() throws Exception {
        host = SshdHost.start("quoting");
        transport = new SshTransport(host.target());
        Files.deleteIfExists(CANARY);
    }

    @AfterContainer
    static void stop() throws Exception {
        transport.close();
        host.close();
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> syntax = Arbitraries.of("$(touch " + CANARY + ")", "`touch " + CANARY + "`",
                "'", "\"", "\\", "\n", "\r", "\t", " ", ";", "|", "&", "&&", "||", "$HOME", "${IFS}", "*", "?",
                "[a]", "~", "#", "!", ">", "<", "'\\''", "\"$(id)\"", "%s", "-", "--", "-n", "é", "日本", "\u0001");
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("é€日").ofMaxLength(12);
        return Arbitraries.oneOf(syntax, text).list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Property(tries = 150)
    void argumentsArriveVerbatim(@ForAll("hostile") String a, @ForAll("hostile") String b) {
        CommandResult result = transport.run(Command.of("printf", "%s\\0", a, b));
        assertThat(result.exitCode()).isZero();
        assertThat(split(result.stdout())).containsExactly(a, b);
        assertThat(CANARY).doesNotExist();
    }

    @Property(tries = 100)
    void envValuesAndStdinArriveVerbatim(@ForAll("hostile") String value, @ForAll("hostile") String input) {
        CommandResult result = transport.run(Command.of("sh", "-c", "printf '%s\\0' \"$V\"; cat")
                .withEnv(Map.of("V", value)).withStdin(input.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(value + "\0" + input);
        assertThat(CANARY).doesNotExist();
    }

    @Property(tries = 30)
    void aNulIsRefusedNeverTruncated(@ForAll("hostile") String before, @ForAll("hostile") String after) {
        String withNul = before + "\0" + after;
        assertThatThrownBy(() -> transport.run(Command.of("printf", "%s", withNul)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellQuote.quote(withNul)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transport.run(Command.of("true").withEnv(Map.of("V", withNul))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> split(String nulTerminated) {
        List<String> parts = new ArrayList<>(Arrays.asList(nulTerminated.split("\0", -1)));
        parts.removeLast();
        return parts;
    }
}
