package dev.sandboxer.spi;

import java.util.List;

/**
 * Egress policy. Denied unless a profile opens it.
 *
 * @param egress what leaves the sandbox
 * @param allow  for {@link Egress#ALLOW_LIST}: host names or CIDRs that may be reached
 */
public record NetworkPolicy(Egress egress, List<String> allow) {
    public static final NetworkPolicy DENY_ALL = new NetworkPolicy(Egress.DENY, List.of());

    public enum Egress { DENY, ALLOW_LIST, ALLOW_ALL }

    public NetworkPolicy {
        allow = List.copyOf(allow);
    }

    public boolean denied() {
        return egress == Egress.DENY;
    }
}
