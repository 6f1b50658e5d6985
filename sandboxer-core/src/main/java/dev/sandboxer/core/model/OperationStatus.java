package dev.sandboxer.core.model;

import java.util.Locale;

public enum OperationStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
