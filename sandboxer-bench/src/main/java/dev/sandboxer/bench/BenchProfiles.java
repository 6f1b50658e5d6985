package dev.sandboxer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user profiles the podman figures create: the built-in health-probe and compose-e2e, pinned to their
 * extension, without a readiness probe, so the engine and the raw backend do the same work (a probe has no
 * counterpart in {@code podman run -d}).
 */
final class BenchProfiles {
    static final String PROBE = "bench-probe";
    static final String STACK = "bench-stack";
    static final String MEMORY = "bench-memory";

    private BenchProfiles() {
    }

    static void writeAll(Path profilesDir) {
        write(profilesDir, PROBE, """
                id: bench-probe
                version: 1
                description: health-probe without its readiness probe (benchmarks)
                extension: podman
                ttl:
                  default: 2m
                  max: 10m
                resources:
                  cpu: 0.1
                  memory: 32Mi
                network:
                  egress: deny
                reach:
                  exec: true
                backend:
                  podman:
                    image: localhost/sandboxer/busybox:latest
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 900 & wait"]
                labels:
                  purpose: bench
                """);
        write(profilesDir, STACK, """
                id: bench-stack
                version: 1
                description: compose-e2e without its readiness probe (benchmarks)
                extension: compose
                requires: [multi-service, published-ports, exec]
                ttl:
                  default: 30m
                  max: 4h
                resources:
                  cpu: 0.5
                  memory: 256Mi
                network:
                  egress: deny
                reach:
                  ports:
                    - {name: web, service: web, port: 8080, protocol: http}
                  exec: true
                backend:
                  compose:
                    main: web
                    services:
                      web:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www && echo \\"$GREETING from sand-boxer\\" > /www/index.html || exit 1; httpd -f -p 8080 -h /www & wait"]
                        environment:
                          GREETING: "hello"
                        depends_on: [api]
                      api:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /srv && echo ok > /srv/health || exit 1; httpd -f -p 9090 -h /srv & wait"]
                labels:
                  purpose: bench
                """);
        write(profilesDir, MEMORY, """
                id: bench-memory
                version: 1
                description: in-memory sandboxes for the memory figure
                extension: reference
                ttl:
                  default: 8h
                  max: 7d
                resources:
                  cpu: 0.5
                  memory: 256Mi
                network:
                  egress: deny
                reach:
                  exec: true
                backend:
                  reference: {}
                labels:
                  purpose: bench
                """);
    }

    private static void write(Path dir, String id, String yaml) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(id + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
