package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellWords.join(List.of("sandboxer", "list", "--label", "team=a", "--cursor", "eyJ0Ijo=")))
                .isEqualTo("sandboxer list --label team=a --cursor eyJ0Ijo=");
    }

    @Test
    void theShellReadsQuotedWordsBackExactly() throws IOException, InterruptedException {
        List<String> words = List.of("two words", "it's", "$HOME", "a\"b", "`x`", "*", "", "back\\slash", "tab\there");
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + ShellWords.join(words)).start();
        String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(List.of(printed.split("\0", -1)).subList(0, words.size())).containsExactlyElementsOf(words);
    }
}
