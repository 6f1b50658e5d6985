package dev.sandboxer.spi.transport;

/**
 * How a command ended.
 *
 * @param timedOut the command was killed at its timeout (exitCode is then -1)
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** The last {@code lines} lines of stderr, else stdout: what to show a user when it failed. */
    public String tail(int lines) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
