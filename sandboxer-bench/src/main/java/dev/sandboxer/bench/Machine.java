package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run was made on: the figures mean nothing without it. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe(Path repo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("cpu", firstValue("/proc/cpuinfo", "model name").orElse("unknown"));
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("memory_gib", firstValue("/proc/meminfo", "MemTotal")
                .map(v -> Samples.round(Long.parseLong(v.replaceAll("\\D", "")) / 1048576.0)).orElse(Double.NaN));
        node.put("os", firstValue("/etc/os-release", "PRETTY_NAME").map(v -> v.replace("\"", "")).orElse("unknown")
                + ", kernel " + System.getProperty("os.version"));
        node.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        node.put("podman", Proc.run(List.of("podman", "--version")).stdout().strip());
        node.put("podman_compose", Proc.run(List.of("podman-compose", "version")).stdout().lines()
                .filter(l -> l.contains("podman-compose")).findFirst().orElse("unknown").strip());
        Proc head = Proc.run(List.of("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD"));
        boolean dirty = !Proc.run(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no"))
                .stdout().isBlank();
        node.put("commit", head.stdout().strip() + (dirty ? " (with uncommitted changes)" : ""));
        return node;
    }

    private static java.util.Optional<String> firstValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
