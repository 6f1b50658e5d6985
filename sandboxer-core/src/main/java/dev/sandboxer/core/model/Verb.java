package dev.sandboxer.core.model;

import java.util.Locale;

/** What an operation did. */
public enum Verb {
    CREATE, DESTROY, RECREATE, EXTEND, EXEC, PAUSE, RESUME, REAP, OBSERVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
