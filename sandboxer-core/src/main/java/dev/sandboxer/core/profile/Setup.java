package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the workload starts with besides its image: plain environment variables and setup files.
 * Secrets are not here: they are references in {@link Profile#secrets()}, resolved only at provision.
 */
public record Setup(Map<String, String> env, List<FileSpec> files) {
    public static final Setup NONE = new Setup(Map.of(), List.of());

    public Setup {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        files = List.copyOf(files);
    }

    static Setup read(Optional<Section> setup) {
        if (setup.isEmpty()) {
            return NONE;
        }
        Section s = setup.get();
        Map<String, String> env = new LinkedHashMap<>();
        s.mapping("env").ifPresent(mapping -> mapping.entries().values().forEach(entry -> {
            if (!SecretRef.ENV_NAME.matcher(entry.key()).matches()) {
                s.problems().add(entry.keyLocation(), entry.value().path(), Quote.of(entry.key())
                        + " is not an environment variable name; use letters, digits and _, e.g. GREETING");
            }
            s.scalarText(entry.value()).ifPresent(value -> env.put(entry.key(), value));
        }));
        List<FileSpec> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (YamlNode item : s.list("files").orElse(List.of())) {
            Section.of(item, s.problems(), "path", "content", "mode").flatMap(FileSpec::read).ifPresent(file -> {
                if (paths.add(file.path())) {
                    files.add(file);
                } else {
                    s.problems().at(item, "a second file at " + file.path() + "; each path may appear once");
                }
            });
        }
        return new Setup(env, files);
    }
}
