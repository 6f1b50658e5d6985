package dev.sandboxer.spi;

/** Whether a backend can be used now, and if not, how to fix it. */
public record Health(boolean available, String detail, String hint) {
    public static Health ok(String detail) {
        return new Health(true, detail, "");
    }

    public static Health unavailable(String detail, String hint) {
        return new Health(false, detail, hint);
    }
}
