package dev.sandboxer.spi;

/** Where a long verb reports what it is doing; shown to a user on a terminal and recorded. */
@FunctionalInterface
public interface Progress {
    Progress NONE = message -> { };

    void step(String message);
}
