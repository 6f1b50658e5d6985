package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAlignAndLinesHaveNoTrailingSpaces() {
        StringWriter text = new StringWriter();
        new Table("ID", "STATE", "NOTE").row("sb-1", "ready", "").row("sb-22", "destroyed", "gone")
                .print(new PrintWriter(text, true));
        assertThat(text.toString()).isEqualTo("""
                ID     STATE      NOTE
                sb-1   ready
                sb-22  destroyed  gone
                """);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
