package dev.sandboxer.core.profile;

import dev.sandboxer.spi.Resources;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * cpu and memory limits for the whole sandbox.
 *
 * @param cpuMillis   thousandths of a vCPU; 0 leaves it to the backend
 * @param memoryBytes bytes; 0 leaves it to the backend
 */
public record ResourceSpec(long cpuMillis, long memoryBytes) {
    public static final ResourceSpec BACKEND_DEFAULT = new ResourceSpec(0, 0);

    public ResourceSpec {
        if (cpuMillis < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
    }

    public Resources toResources() {
        return new Resources(cpuMillis, memoryBytes);
    }

    static ResourceSpec read(Optional<Section> resources) {
        if (resources.isEmpty()) {
            return BACKEND_DEFAULT;
        }
        Section s = resources.get();
        long cpu = s.get("cpu").map(node -> amount(s, node, Quantities.parseCpu(text(node)),
                "is not a cpu amount above zero; use vCPUs like 0.5 or 2, or thousandths like 500m")).orElse(0L);
        long memory = s.get("memory").map(node -> amount(s, node, Quantities.parseMemory(text(node)),
                "is not a memory amount above zero; use e.g. 256Mi, 1Gi or 512M")).orElse(0L);
        return new ResourceSpec(cpu, memory);
    }

    private static String text(YamlNode node) {
        return node instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : "";
    }

    private static long amount(Section s, YamlNode node, OptionalLong parsed, String problem) {
        if (parsed.isEmpty()) {
            s.problems().at(node, (node instanceof YamlNode.Scalar sc ? Quote.of(sc.text()) : node.describe())
                    + " " + problem);
            return 0;
        }
        return parsed.getAsLong();
    }

    @Override
    public String toString() {
        return "ResourceSpec[cpu=" + (cpuMillis == 0 ? "default" : Quantities.formatCpu(cpuMillis))
                + ", memory=" + (memoryBytes == 0 ? "default" : Quantities.formatMemory(memoryBytes)) + "]";
    }
}
