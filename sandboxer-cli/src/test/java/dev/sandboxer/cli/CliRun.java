package dev.sandboxer.cli;

import java.util.List;
import java.util.stream.Stream;

/** What one in-process CLI run printed and how it exited. */
record CliRun(int exitCode, String out, String err) {

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> allLines() {
        return Stream.concat(out.lines(), err.lines()).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
