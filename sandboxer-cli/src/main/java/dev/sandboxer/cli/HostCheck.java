package dev.sandboxer.cli;

/**
 * One thing doctor looked at.
 *
 * @param detail what was found (for OK) or what is wrong (for FAIL)
 * @param fix    how to fix it; empty for OK
 */
record HostCheck(String name, boolean ok, String detail, String fix) {

    static HostCheck ok(String name, String detail) {
        return new HostCheck(name, true, detail, "");
    }

    static HostCheck fail(String name, String detail, String fix) {
        return new HostCheck(name, false, detail, fix);
    }
}
