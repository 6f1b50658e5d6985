package dev.sandboxer.core.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Lifecycle states (DESIGN §4) and the transitions allowed between them. */
public enum SandboxState {
    REQUESTED, PROVISIONING, READY, PAUSED, DESTROYING, DESTROYED, FAILED, LOST;

    /** States in which the sandbox may still hold backend resources. */
    public static final Set<SandboxState> LIVE = EnumSet.of(REQUESTED, PROVISIONING, READY, PAUSED, DESTROYING);

    /** States a reaper looks at: everything that may still hold backend resources, and failed/lost records. */
    public static final Set<SandboxState> LIVE_OR_STUCK = EnumSet.of(REQUESTED, PROVISIONING, READY, PAUSED,
            DESTROYING, FAILED, LOST);

    public boolean isLive() {
        return LIVE.contains(this);
    }

    public boolean isTerminal() {
        return this == DESTROYED;
    }

    public boolean canMoveTo(SandboxState next) {
        return switch (this) {
            case REQUESTED -> next == PROVISIONING || next == FAILED || next == DESTROYING;
            case PROVISIONING -> next == READY || next == FAILED || next == DESTROYING;
            case READY -> next == PAUSED || next == DESTROYING || next == PROVISIONING || next == LOST
                    || next == FAILED;
            case PAUSED -> next == READY || next == DESTROYING || next == LOST || next == PROVISIONING;
            case DESTROYING -> next == DESTROYED || next == FAILED;
            case FAILED, LOST -> next == DESTROYING || next == DESTROYED || next == PROVISIONING;
            case DESTROYED -> false;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SandboxState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
