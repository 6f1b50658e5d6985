package dev.sandboxer.ext.compose;

import dev.sandboxer.ext.podmancli.SpecProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code backend.compose} section of a profile: a subset of the compose format that sand-boxer can run
 * without giving up control of the network, ports, privileges or the host's files.
 *
 * <pre>
 * services:                      # required
 *   web:
 *     image: localhost/sandboxer/busybox:latest
 *     command: [sh, -c, "exec httpd -f -p 8080 -h /www"]
 *     environment: {GREETING: hello}
 *     depends_on: [db]
 *     volumes: ["data:/var/lib/data"]   # named volumes declared below only
 *     working_dir: /www
 *     user: "1000"
 *     healthcheck: {test: [CMD, "true"], interval: 10s}
 *     labels: {team: blue}
 * volumes: {data: {}}            # optional; one per sandbox, labelled
 * main: web                      # optional; where exec goes (default: first service)
 * </pre>
 *
 * @param services service name to its definition, as validated (still JSON-like values)
 */
public record ComposeSpec(Map<String, Map<String, Object>> services, List<String> volumes, String main) {

    static final String GATEWAY_SERVICE = "sandboxer-ports";
    private static final Set<String> KEYS = Set.of("services", "volumes", "main");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "command", "entrypoint", "environment",
            "depends_on", "volumes", "working_dir", "healthcheck", "user", "labels");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries",
            "start_period");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String WEAKENS = "not allowed: it would weaken the sandbox's isolation";
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("ports", "ports are published by the control plane (the profile's ports, naming this service)"),
            Map.entry("network_mode", "the network follows the profile's egress policy, set by the control plane"),
            Map.entry("networks", "the network follows the profile's egress policy, set by the control plane"),
            Map.entry("privileged", WEAKENS),
            Map.entry("cap_add", WEAKENS),
            Map.entry("devices", WEAKENS),
            Map.entry("security_opt", WEAKENS),
            Map.entry("pid", WEAKENS),
            Map.entry("ipc", WEAKENS),
            Map.entry("userns_mode", WEAKENS),
            Map.entry("volumes_from", WEAKENS),
            Map.entry("env_file", "host files are not allowed; use environment, or the profile's secrets"),
            Map.entry("container_name", "container names are derived from the sandbox id"),
            Map.entry("build", "images are not built at create time; build them beforehand"),
            Map.entry("cpus", "limits come from the profile's resources"),
            Map.entry("mem_limit", "limits come from the profile's resources"),
            Map.entry("deploy", "limits come from the profile's resources"));

    public ComposeSpec {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        volumes = List.copyOf(volumes);
    }

    /** Every problem as {@code "path: problem"}; empty when the section is fine. */
    public static List<String> validate(Map<String, Object> spec) {
        SpecProblems problems = new SpecProblems();
        read(spec, problems);
        return problems.lines();
    }

    public static ComposeSpec parse(Map<String, Object> spec) {
        SpecProblems problems = new SpecProblems();
        ComposeSpec parsed = read(spec, problems);
        problems.throwFirst();
        return parsed;
    }

    private static ComposeSpec read(Map<String, Object> spec, SpecProblems problems) {
        problems.unknownKeys("", spec, KEYS, Map.of());
        List<String> volumes = new ArrayList<>();
        if (spec.get("volumes") != null) {
            problems.map("volumes", spec.get("volumes")).ifPresent(map -> map.forEach((name, definition) -> {
                if (!NAME.matcher(name).matches()) {
                    problems.add("volumes." + name, "volume names must match [a-z0-9][a-z0-9_-]*");
                }
                if (definition != null && !(definition instanceof Map<?, ?> m && m.isEmpty())) {
                    problems.add("volumes." + name, "volume options are not supported (write {} or nothing)");
                }
                volumes.add(name);
            }));
        }
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        Object rawServices = spec.get("services");
        if (rawServices == null) {
            problems.add("services", "required");
        } else {
            problems.map("services", rawServices).ifPresent(map -> {
                if (map.isEmpty()) {
                    problems.add("services", "must name at least one service");
                }
                for (String name : orderedNames(map)) {
                    problems.map("services." + name, map.get(name)).ifPresent(service -> {
                        services.put(name, service);
                    });
                }
            });
        }
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            checkService("services." + service.getKey(), service.getKey(), service.getValue(), services.keySet(),
                    volumes, problems);
        }
        String main = services.isEmpty() ? "" : services.keySet().iterator().next();
        if (spec.get("main") != null) {
            Optional<String> named = problems.string("main", spec.get("main"), true);
            named.filter(n -> !services.containsKey(n)).ifPresent(n ->
                    problems.add("main", "names no service (services: " + String.join(", ", services.keySet()) + ")"));
            main = named.orElse(main);
        }
        return new ComposeSpec(services, volumes, main);
    }

    /**
     * Written order when the map keeps it (so "main defaults to the first service" means what the author
     * wrote), alphabetical otherwise, so the choice never depends on hash order.
     */
    private static List<String> orderedNames(Map<String, Object> map) {
        return map instanceof SequencedMap<?, ?> ? new ArrayList<>(map.keySet()) : new ArrayList<>(new TreeSet<>(map.keySet()));
    }

    private static void checkService(String at, String name, Map<String, Object> service, Set<String> services,
                                     List<String> volumes, SpecProblems problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at, "service names must match [a-z0-9][a-z0-9_-]*");
        } else if (name.equals(GATEWAY_SERVICE)) {
            problems.add(at, "the name " + GATEWAY_SERVICE + " is reserved for sand-boxer's port gateway");
        }
        problems.unknownKeys(at, service, SERVICE_KEYS, REFUSED);
        problems.string(at + ".image", service.get("image"), true);
        for (String key : List.of("command", "entrypoint")) {
            Object value = service.get(key);
            if (value != null && !(value instanceof String)) {
                problems.scalarList(at + "." + key, value);
            }
        }
        Object environment = service.get("environment");
        if (environment != null) {
            checkEnvironment(at + ".environment", environment, problems);
        }
        Object dependsOn = service.get("depends_on");
        if (dependsOn != null) {
            if (dependsOn instanceof Map<?, ?>) {
                problems.add(at + ".depends_on", "write a list of services: podman-compose 1.0.3 only orders "
                        + "start-up and would ignore conditions");
            } else {
                for (String dependency : problems.scalarList(at + ".depends_on", dependsOn)) {
                    if (!services.contains(dependency)) {
                        problems.add(at + ".depends_on", "names no service: " + dependency);
                    }
                }
            }
        }
        Object serviceVolumes = service.get("volumes");
        if (serviceVolumes != null) {
            checkVolumes(at + ".volumes", serviceVolumes, volumes, problems);
        }
        problems.string(at + ".working_dir", service.get("working_dir"), false)
                .filter(w -> !w.startsWith("/")).ifPresent(w -> problems.add(at + ".working_dir", "must be absolute"));
        if (service.get("user") != null) {
            problems.scalar(at + ".user", service.get("user"));
        }
        if (service.get("healthcheck") != null) {
            problems.map(at + ".healthcheck", service.get("healthcheck")).ifPresent(check -> {
                problems.unknownKeys(at + ".healthcheck", check, HEALTHCHECK_KEYS, Map.of());
                Object test = check.get("test");
                if (test != null && !(test instanceof String)) {
                    problems.scalarList(at + ".healthcheck.test", test);
                }
            });
        }
        if (service.get("labels") != null) {
            problems.map(at + ".labels", service.get("labels")).ifPresent(labels -> labels.forEach((key, value) -> {
                if (key.startsWith("dev.sandboxer.") || key.startsWith("io.podman.") || key.startsWith("com.docker.")) {
                    problems.add(at + ".labels." + key, "this label prefix belongs to sand-boxer / podman-compose");
                }
                problems.scalar(at + ".labels." + key, value);
            }));
        }
    }

    /** A name without a value would copy the variable from the control plane's own environment. */
    private static void checkEnvironment(String at, Object environment, SpecProblems problems) {
        if (environment instanceof Map<?, ?>) {
            problems.map(at, environment).ifPresent(map -> map.forEach((key, value) -> {
                if (!ENV_NAME.matcher(key).matches()) {
                    problems.add(at + "." + key, "not a valid variable name");
                }
                problems.scalar(at + "." + key, value);
            }));
        } else {
            List<String> entries = problems.scalarList(at, environment);
            for (int i = 0; i < entries.size(); i++) {
                String entry = entries.get(i);
                int eq = entry.indexOf('=');
                if (eq <= 0 || !ENV_NAME.matcher(entry.substring(0, eq)).matches()) {
                    problems.add(at + "[" + i + "]", "must be NAME=value");
                }
            }
        }
    }

    /** Named volumes declared in {@code volumes} only: bind mounts would expose the host, anonymous ones leak. */
    private static void checkVolumes(String at, Object value, List<String> declared, SpecProblems problems) {
        if (!(value instanceof List<?> list)) {
            problems.add(at, "must be a list");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String here = at + "[" + i + "]";
            String source;
            String target;
            if (list.get(i) instanceof String short_) {
                String[] parts = short_.split(":", -1);
                if (parts.length == 1) {
                    problems.add(here, "anonymous volumes are not supported: declare a named volume");
                    continue;
                }
                source = parts[0];
                target = parts[1];
                if (parts.length > 3 || (parts.length == 3 && !Set.of("ro", "rw").contains(parts[2]))) {
                    problems.add(here, "write name:/path or name:/path:ro");
                }
            } else if (list.get(i) instanceof Map<?, ?>) {
                Map<String, Object> mount = problems.map(here, list.get(i)).orElse(Map.of());
                problems.unknownKeys(here, mount, Set.of("type", "source", "target", "read_only"), Map.of());
                if (!"volume".equals(mount.get("type"))) {
                    problems.add(here + ".type", "only type: volume is supported (no host bind mounts)");
                }
                source = String.valueOf(mount.getOrDefault("source", ""));
                target = String.valueOf(mount.getOrDefault("target", ""));
                Object readOnly = mount.get("read_only");
                if (readOnly != null && !(readOnly instanceof Boolean)) {
                    problems.add(here + ".read_only", "must be true or false");
                }
            } else {
                problems.add(here, "must be name:/path or {type: volume, source, target}");
                continue;
            }
            if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
                problems.add(here, "host bind mounts are not allowed; use a named volume");
            } else if (source.isEmpty()) {
                problems.add(here, "anonymous volumes are not supported: declare a named volume");
            } else if (!declared.contains(source)) {
                problems.add(here, "volume '" + source + "' is not declared under volumes");
            }
            if (!target.startsWith("/")) {
                problems.add(here, "the path inside the container must be absolute");
            }
        }
    }
}
