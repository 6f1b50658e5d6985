package dev.sandboxer.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What an extension charges, in integer <em>micros</em>: millionths of the currency's minor unit (a cent for
 * USD), so sub-cent rates need no floating point. Money itself is always whole minor units: {@link #cost}
 * rounds the exact total down once, so charging a running total in steps never drifts from charging it at once.
 *
 * @param version            identifies the sheet; recorded with every charge made under it
 * @param currency           ISO 4217 code of the minor unit the rates are in
 * @param vcpuSecond         micros per vCPU-second while running
 * @param gibSecond          micros per GiB-second of memory while running
 * @param sandboxHour        micros per sandbox-hour while running (a flat fee)
 * @param hostHour           micros per host-hour of a dedicated host allocation (self-hosted placements)
 * @param pausedVcpuSecond   micros per vCPU-second while paused (extensions with pause)
 * @param pausedGibSecond    micros per GiB-second while paused
 * @param pausedSandboxHour  micros per sandbox-hour while paused
 */
public record PriceSheet(String version, String currency, long vcpuSecond, long gibSecond, long sandboxHour,
                         long hostHour, long pausedVcpuSecond, long pausedGibSecond, long pausedSandboxHour) {

    private static final BigInteger GIB = BigInteger.valueOf(1L << 30);
    private static final BigDecimal MICROS_PER_MINOR = BigDecimal.valueOf(1_000_000);

    public PriceSheet {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(currency, "currency");
        if (vcpuSecond < 0 || gibSecond < 0 || sandboxHour < 0 || hostHour < 0 || pausedVcpuSecond < 0
                || pausedGibSecond < 0 || pausedSandboxHour < 0) {
            throw new IllegalArgumentException("price sheet " + version + ": rates must not be negative");
        }
    }

    /** The sheet of an extension that declares none: everything is metered, nothing costs anything. */
    public static PriceSheet free() {
        return new PriceSheet("free", "USD", 0, 0, 0, 0, 0, 0, 0);
    }

    /** Whether every rate is zero. */
    public boolean isFree() {
        return vcpuSecond == 0 && gibSecond == 0 && sandboxHour == 0 && hostHour == 0 && pausedVcpuSecond == 0
                && pausedGibSecond == 0 && pausedSandboxHour == 0;
    }

    /**
     * The cost in whole minor units (rounded down) of holding {@code resources} for {@code runningMillis}
     * running and {@code pausedMillis} paused.
     */
    public long cost(Resources resources, long runningMillis, long pausedMillis) {
        BigDecimal micros = rate(resources, runningMillis, vcpuSecond, gibSecond, sandboxHour)
                .add(rate(resources, pausedMillis, pausedVcpuSecond, pausedGibSecond, pausedSandboxHour));
        return micros.divide(MICROS_PER_MINOR, 0, RoundingMode.DOWN).longValueExact();
    }

    /** The cost in minor units (rounded down) of a dedicated host held for {@code millis}. */
    public long hostCost(long millis) {
        return BigDecimal.valueOf(millis).multiply(BigDecimal.valueOf(hostHour))
                .divide(BigDecimal.valueOf(3_600_000L).multiply(MICROS_PER_MINOR), 0, RoundingMode.DOWN)
                .longValueExact();
    }

    /** Exact micros; every division here terminates (powers of two and of ten) except the hourly one. */
    private static BigDecimal rate(Resources r, long millis, long perVcpuSecond, long perGibSecond,
                                   long perHour) {
        BigInteger ms = BigInteger.valueOf(millis);
        BigDecimal cpu = new BigDecimal(BigInteger.valueOf(r.cpuMillis()).multiply(ms)
                .multiply(BigInteger.valueOf(perVcpuSecond))).movePointLeft(6);
        BigDecimal mem = new BigDecimal(BigInteger.valueOf(r.memoryBytes()).multiply(ms)
                .multiply(BigInteger.valueOf(perGibSecond))).movePointLeft(3)
                .divide(new BigDecimal(GIB));
        BigDecimal flat = new BigDecimal(ms.multiply(BigInteger.valueOf(perHour)))
                .divide(BigDecimal.valueOf(3_600_000L), 12, RoundingMode.DOWN);
        return cpu.add(mem).add(flat);
    }
}
