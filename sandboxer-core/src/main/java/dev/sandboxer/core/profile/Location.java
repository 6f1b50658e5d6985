package dev.sandboxer.core.profile;

/** A position in a profile file, 1-based, as editors show it. */
record Location(int line, int column) {
    /** Where problems about the file as a whole point. */
    static final Location START = new Location(1, 1);
}
