package dev.sandboxer.core.profile;

import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.NetworkPolicy.Egress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may leave the sandbox. Egress is denied unless the profile opens it.
 *
 * @param egress {@code deny}, {@code allow} (everything) or {@code allow-list}
 * @param allow  for {@code allow-list}: host names ({@code *.example.com} allowed) or CIDRs
 */
public record NetworkSpec(Egress egress, List<String> allow) {
    public static final NetworkSpec DENY = new NetworkSpec(Egress.DENY, List.of());

    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");
    private static final Pattern IPV6 = Pattern.compile(
            "[0-9a-f]*:[0-9a-f:]*:[0-9a-f.]*(/(12[0-8]|1[01]\\d|[1-9]?\\d))?", Pattern.CASE_INSENSITIVE);

    public NetworkSpec {
        Objects.requireNonNull(egress, "egress");
        allow = List.copyOf(allow);
    }

    public NetworkPolicy toPolicy() {
        return new NetworkPolicy(egress, allow);
    }

    /** The word a profile uses for {@code egress}. */
    public static String id(Egress egress) {
        return switch (egress) {
            case DENY -> "deny";
            case ALLOW_ALL -> "allow";
            case ALLOW_LIST -> "allow-list";
        };
    }

    static NetworkSpec read(Optional<Section> network) {
        if (network.isEmpty()) {
            return DENY;
        }
        Section s = network.get();
        Egress egress = s.get("egress").flatMap(s::string).map(word -> {
            for (Egress e : Egress.values()) {
                if (id(e).equals(word)) {
                    return e;
                }
            }
            s.problems().at(s.get("egress").orElseThrow(), Quote.of(word) + " is not an egress mode; use deny, allow"
                    + " or allow-list");
            return Egress.DENY;
        }).orElse(Egress.DENY);
        List<String> allow = readAllow(s);
        Optional<YamlNode> allowNode = s.get("allow");
        boolean listed = allowNode.filter(n -> n instanceof YamlNode.Sequence seq && !seq.items().isEmpty()).isPresent();
        if (egress == Egress.ALLOW_LIST && allowNode.isEmpty()) {
            s.problems().add(s.node().location(), YamlNode.child(s.node().path(), "allow"),
                    "is required with egress: allow-list; list host names or CIDRs, e.g. [pypi.org, 10.0.0.0/8]");
        } else if (egress == Egress.ALLOW_LIST && !listed && allowNode.get() instanceof YamlNode.Sequence) {
            s.problems().at(allowNode.get(), "is empty; list host names or CIDRs, or use egress: deny");
        } else if (egress != Egress.ALLOW_LIST && listed) {
            s.problems().at(allowNode.get(), "is only used with egress: allow-list; set that or drop allow");
        }
        return new NetworkSpec(egress, allow);
    }

    private static List<String> readAllow(Section s) {
        List<String> allow = new ArrayList<>();
        for (YamlNode item : s.list("allow").orElse(List.of())) {
            s.string(item).ifPresent(entry -> {
                if (HOST.matcher(entry).matches() || IPV4.matcher(entry).matches() || IPV6.matcher(entry).matches()) {
                    allow.add(entry);
                } else {
                    s.problems().at(item, Quote.of(entry) + " is neither a host name nor a CIDR; use e.g."
                            + " pypi.org, *.github.com, 10.0.0.0/8");
                }
            });
        }
        return allow;
    }

    @Override
    public String toString() {
        return "NetworkSpec[egress=" + id(egress) + (allow.isEmpty() ? "" : ", allow=" + allow) + "]";
    }
}
