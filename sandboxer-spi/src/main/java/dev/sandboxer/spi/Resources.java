package dev.sandboxer.spi;

/**
 * Resource limits.
 *
 * @param cpuMillis   thousandths of a vCPU (1000 = one vCPU); 0 = backend default
 * @param memoryBytes memory limit in bytes; 0 = backend default
 */
public record Resources(long cpuMillis, long memoryBytes) {
    public static final Resources DEFAULT = new Resources(0, 0);

    public Resources {
        if (cpuMillis < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
    }

    /** cpus as podman/docker want them, e.g. {@code 0.5}. */
    public String cpusDecimal() {
        return java.math.BigDecimal.valueOf(cpuMillis, 3).stripTrailingZeros().toPlainString();
    }
}
