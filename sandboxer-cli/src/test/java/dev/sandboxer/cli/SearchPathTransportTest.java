package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.TransportException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchPathTransportTest {

    @Test
    void programsAreFoundOnTheGivenPathOnly() {
        assertThat(new SearchPathTransport(Map.of("PATH", "/usr/bin:/bin")).hasProgram("sh")).isTrue();
        assertThat(new SearchPathTransport(Map.of("PATH", "/nonexistent")).hasProgram("sh")).isFalse();
    }

    @Test
    void aProgramMissingFromThePathCannotBeRunEvenIfTheJvmCouldFindIt() {
        SearchPathTransport transport = new SearchPathTransport(Map.of("PATH", "/nonexistent"));
        assertThatThrownBy(() -> transport.run(Command.of("sh", "-c", "true")))
                .isInstanceOf(TransportException.class).hasMessageContaining("sh: not found on PATH /nonexistent");
    }

    @Test
    void theProgramSeesThePathItWasFoundOn() {
        CommandResult r = new SearchPathTransport(Map.of("PATH", "/bin:/usr/bin"))
                .run(Command.of("sh", "-c", "echo \"$PATH\""));
        assertThat(r.ok()).isTrue();
        assertThat(r.stdout().strip()).isEqualTo("/bin:/usr/bin");
    }
}
