package dev.sandboxer.ext.podman;

import dev.sandboxer.ext.podmancli.SpecProblems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code backend.podman} section of a profile.
 *
 * <pre>
 * image: localhost/sandboxer/busybox:latest   # required
 * command: [sh, -c, "exec httpd -f -p 8080"]  # optional, argv
 * workdir: /workspace                         # optional
 * user: "1000"                                # optional
 * volumes:                                    # optional: one named volume per entry, per sandbox
 *   - {name: workspace, path: /workspace}
 * </pre>
 */
public record PodmanSpec(String image, List<String> command, Optional<String> workdir, Optional<String> user,
                         List<Volume> volumes) {

    static final Set<String> KEYS = Set.of("image", "command", "workdir", "user", "volumes");
    private static final Set<String> VOLUME_KEYS = Set.of("name", "path");
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,30}");
    private static final Map<String, String> OWNED_BY_CONTROL_PLANE = Map.of(
            "ports", "ports are set by the control plane (profile ports), not here",
            "network", "the network follows the profile's egress policy, not this section",
            "env", "environment comes from the profile's env and secrets, not this section",
            "privileged", "privileged containers are not offered");

    public record Volume(String name, String path) {
    }

    public PodmanSpec {
        command = List.copyOf(command);
        volumes = List.copyOf(volumes);
    }

    /** Every problem as {@code "path: problem"}; empty when the section is fine. */
    public static List<String> validate(Map<String, Object> spec) {
        SpecProblems problems = new SpecProblems();
        read(spec, problems);
        return problems.lines();
    }

    /** Reads the section, or throws InvalidSpec naming the first wrong field. */
    public static PodmanSpec parse(Map<String, Object> spec) {
        SpecProblems problems = new SpecProblems();
        PodmanSpec parsed = read(spec, problems);
        problems.throwFirst();
        return parsed;
    }

    private static PodmanSpec read(Map<String, Object> spec, SpecProblems problems) {
        problems.unknownKeys("", spec, KEYS, OWNED_BY_CONTROL_PLANE);
        String image = problems.string("image", spec.get("image"), true).orElse("");
        List<String> command = spec.containsKey("command")
                ? problems.scalarList("command", spec.get("command")) : List.of();
        Optional<String> workdir = problems.string("workdir", spec.get("workdir"), false);
        workdir.filter(w -> !w.startsWith("/")).ifPresent(w -> problems.add("workdir", "must be an absolute path"));
        Optional<String> user = spec.get("user") == null ? Optional.empty()
                : problems.scalar("user", spec.get("user"));
        return new PodmanSpec(image, command, workdir, user, volumes(spec.get("volumes"), problems));
    }

    private static List<Volume> volumes(Object value, SpecProblems problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add("volumes", "must be a list of {name, path}, not " + SpecProblems.typeName(value));
            return List.of();
        }
        List<Volume> volumes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "volumes[" + i + "]";
            Optional<Map<String, Object>> entry = problems.map(at, list.get(i));
            if (entry.isEmpty()) {
                continue;
            }
            problems.unknownKeys(at, entry.get(), VOLUME_KEYS, Map.of());
            Optional<String> name = problems.string(at + ".name", entry.get().get("name"), true);
            Optional<String> path = problems.string(at + ".path", entry.get().get("path"), true);
            name.filter(n -> !VOLUME_NAME.matcher(n).matches()).ifPresent(n ->
                    problems.add(at + ".name", "must match [a-z0-9][a-z0-9_.-]* (at most 31 characters)"));
            path.filter(p -> !p.startsWith("/")).ifPresent(p -> problems.add(at + ".path", "must be absolute"));
            name.filter(n -> !names.add(n)).ifPresent(n -> problems.add(at + ".name", "'" + n + "' is repeated"));
            path.filter(p -> !paths.add(p)).ifPresent(p -> problems.add(at + ".path", "'" + p + "' is repeated"));
            if (name.isPresent() && path.isPresent()) {
                volumes.add(new Volume(name.get(), path.get()));
            }
        }
        return volumes;
    }
}
