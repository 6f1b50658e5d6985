package dev.sandboxer.core.billing;

import java.math.BigDecimal;

/** Formats integer minor units for people: {@code 1234, USD} → {@code 12.34 USD}. Never parses into a double. */
public final class Money {
    private Money() {
    }

    public static String format(long minorUnits, String currency) {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString() + " " + currency;
    }
}
