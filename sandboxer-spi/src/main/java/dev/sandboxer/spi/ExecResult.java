package dev.sandboxer.spi;

public record ExecResult(int exitCode, String stdout, String stderr) {
}
