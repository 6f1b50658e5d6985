package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How consumers get into the sandbox.
 *
 * @param ports ports to publish on the host
 * @param exec  whether {@code sandboxer exec} may run commands in it
 */
public record Reach(List<PortSpec> ports, boolean exec) {
    public static final Reach NONE = new Reach(List.of(), false);

    public Reach {
        ports = List.copyOf(ports);
    }

    public Optional<PortSpec> port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Reach read(Optional<Section> reach) {
        if (reach.isEmpty()) {
            return NONE;
        }
        Section s = reach.get();
        List<PortSpec> ports = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : s.list("ports").orElse(List.of())) {
            Section.of(item, s.problems(), "name", "service", "port", "protocol").flatMap(PortSpec::read)
                    .ifPresent(port -> {
                        if (names.add(port.name())) {
                            ports.add(port);
                        } else {
                            s.problems().at(item, "a second port named " + Quote.of(port.name())
                                    + "; port names must be unique");
                        }
                    });
        }
        return new Reach(ports, s.bool("exec").orElse(false));
    }
}
