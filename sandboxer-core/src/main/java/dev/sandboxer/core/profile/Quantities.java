package dev.sandboxer.core.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and cpu amounts, written the way Kubernetes writes them so they look familiar:
 * memory {@code 256Mi}, {@code 1.5Gi}, {@code 512M} (binary Ki Mi Gi Ti, decimal k M G T, or plain bytes);
 * cpu {@code 0.5}, {@code 2} or {@code 500m} (thousandths of a vCPU).
 */
public final class Quantities {
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,19}(?:\\.\\d{1,9})?)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Pattern CPU = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,9})?)(m?)");
    private static final String[] BINARY = {"Ti", "Gi", "Mi", "Ki"};
    private static final String[] DECIMAL = {"T", "G", "M", "k"};

    private Quantities() {
    }

    /** Bytes, if {@code text} is a memory amount of at least one whole byte. */
    public static OptionalLong parseMemory(String text) {
        Matcher m = MEMORY.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(new BigDecimal(memoryUnit(m.group(2))));
        return wholePositive(bytes);
    }

    /** The largest unit that divides exactly, so {@code 268435456} prints as {@code 256Mi}. */
    public static String formatMemory(long bytes) {
        for (String unit : BINARY) {
            if (fits(bytes, memoryUnit(unit))) {
                return bytes / memoryUnit(unit).longValueExact() + unit;
            }
        }
        for (String unit : DECIMAL) {
            if (fits(bytes, memoryUnit(unit))) {
                return bytes / memoryUnit(unit).longValueExact() + unit;
            }
        }
        return Long.toString(bytes);
    }

    /** Thousandths of a vCPU, if {@code text} is a positive cpu amount in whole thousandths. */
    public static OptionalLong parseCpu(String text) {
        Matcher m = CPU.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        return wholePositive(m.group(2).isEmpty() ? amount.movePointRight(3) : amount);
    }

    public static String formatCpu(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static boolean fits(long bytes, BigInteger unit) {
        return bytes > 0 && BigInteger.valueOf(bytes).mod(unit).signum() == 0;
    }

    private static BigInteger memoryUnit(String suffix) {
        if (suffix == null) {
            return BigInteger.ONE;
        }
        return switch (suffix) {
            case "Ki" -> BigInteger.ONE.shiftLeft(10);
            case "Mi" -> BigInteger.ONE.shiftLeft(20);
            case "Gi" -> BigInteger.ONE.shiftLeft(30);
            case "Ti" -> BigInteger.ONE.shiftLeft(40);
            case "k" -> BigInteger.TEN.pow(3);
            case "M" -> BigInteger.TEN.pow(6);
            case "G" -> BigInteger.TEN.pow(9);
            case "T" -> BigInteger.TEN.pow(12);
            default -> throw new IllegalStateException("pattern admits unit " + suffix);
        };
    }

    private static OptionalLong wholePositive(BigDecimal value) {
        try {
            long whole = value.stripTrailingZeros().longValueExact();
            return whole > 0 ? OptionalLong.of(whole) : OptionalLong.empty();
        } catch (ArithmeticException fractionOrTooLarge) {
            return OptionalLong.empty();
        }
    }
}
