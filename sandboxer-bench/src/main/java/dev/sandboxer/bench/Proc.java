package dev.sandboxer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One child process, timed from start to exit; the baselines (podman, podman-compose, the CLI) run through it. */
record Proc(int exitCode, String stdout, String stderr, long nanos) {

    static Proc run(List<String> argv) {
        return run(argv, Map.of());
    }

    static Proc run(List<String> argv, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + argv);
            }
            long elapsed = System.nanoTime() - start;
            return new Proc(process.exitValue(), out, err.join(), elapsed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }

    /** Runs and insists on exit 0; the exception carries the command's own last words. */
    static Proc require(List<String> argv) {
        Proc p = run(argv);
        if (p.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitCode + ": "
                    + p.stderr.strip());
        }
        return p;
    }

    double millis() {
        return nanos / 1e6;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
