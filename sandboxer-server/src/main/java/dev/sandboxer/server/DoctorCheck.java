package dev.sandboxer.server;

/** One line of {@code GET /v1/doctor}: a check of the host or a backend, and how to fix it when it fails. */
public record DoctorCheck(String name, boolean ok, String detail, String hint) {
}
