package dev.sandboxer.cli;

/** How results are printed: aligned text for people, or JSON for programs. */
public enum OutputFormat {
    TABLE, JSON
}
