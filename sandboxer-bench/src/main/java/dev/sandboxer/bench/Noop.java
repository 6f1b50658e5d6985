package dev.sandboxer.bench;

/** An empty program: the JVM's own start and exit with the CLI's flags, the floor of any Java command. */
public final class Noop {
    private Noop() {
    }

    public static void main(String[] args) {
        // Nothing: the time of this process is the JVM's alone.
    }
}
