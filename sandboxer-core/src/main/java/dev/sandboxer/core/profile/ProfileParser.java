package dev.sandboxer.core.profile;

import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.OwnershipLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads profile files strictly: every unknown field, wrong type, bad value and broken cross-reference
 * is a {@link ProfileProblem} with file, line, column and field path, and one pass finds them all.
 */
public final class ProfileParser {
    private static final String[] FIELDS = {"id", "version", "description", "extension", "requires", "ttl",
            "resources", "network", "inputs", "readiness", "reach", "setup", "secrets", "backend", "labels"};
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,251}[A-Za-z0-9])?");

    private ProfileParser() {
    }

    /** @param file how problems name the file; also the profile's recorded source */
    public static Profile parse(String file, byte[] content) {
        Parsed parsed = read(file, file, content);
        return parsed.profile().orElseThrow(() -> new ProfileException(parsed.problems()));
    }

    /** Problems name the file as given; the recorded source is its absolute path. */
    public static Profile parse(Path file) {
        Parsed parsed = read(file.toString(), source(file), readAll(file));
        return parsed.profile().orElseThrow(() -> new ProfileException(parsed.problems()));
    }

    /** Every problem in the file; empty when it is a valid profile. */
    public static List<ProfileProblem> problems(String file, byte[] content) {
        return read(file, file, content).problems();
    }

    /** The result of reading one file; {@code root} keeps locations for checks made after reading. */
    record Parsed(Optional<Profile> profile, List<ProfileProblem> problems, Optional<YamlNode> root) {
    }

    static Parsed read(String file, String source, byte[] content) {
        Problems problems = new Problems(file);
        Optional<YamlNode> root = YamlTree.read(content, problems);
        Optional<Profile> profile = root.flatMap(r -> Section.of(r, problems, FIELDS))
                .flatMap(top -> build(top, ProfileOrigin.of(source, content)));
        // Cross-field rules run only on a structurally sound profile: on a half-read one they would
        // mostly echo the problems already found (a port "missing" because its entry did not parse).
        if (profile.isPresent() && problems.isEmpty()) {
            ProfileRules.check(profile.get(), root.orElseThrow(), problems);
        }
        return new Parsed(problems.isEmpty() ? profile : Optional.empty(), problems.list(), root);
    }

    static String source(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : Files.isDirectory(file) ? "it is a directory" : "an I/O error";
            throw new ProfileException(List.of(new ProfileProblem(file.toString(), 1, 1, "",
                    "cannot be read: " + why + "; check the path and permissions")));
        }
    }

    private static Optional<Profile> build(Section s, ProfileOrigin origin) {
        Optional<String> id = s.require("id", "id: my-profile").flatMap(s::string).filter(v -> idOk(s, "id", v));
        Optional<Integer> version = s.require("version", "version: 1").flatMap(n -> s.wholeNumber("version"))
                .filter(v -> positive(s, v)).map(Long::intValue);
        Optional<String> description = s.require("description", "description: What this sandbox is for")
                .flatMap(s::string);
        Optional<String> extension = s.string("extension").filter(v -> idOk(s, "extension", v));
        Set<Capability> requires = requires(s);
        TtlPolicy ttl = TtlPolicy.read(s.section("ttl", "default", "max"));
        ResourceSpec resources = ResourceSpec.read(s.section("resources", "cpu", "memory"));
        NetworkSpec network = NetworkSpec.read(s.section("network", "egress", "allow"));
        Map<String, InputSpec> inputs = inputs(s);
        Optional<ReadinessProbe> readiness = s.section("readiness", "http", "command", "timeout", "interval")
                .flatMap(ReadinessProbe::read);
        Reach reach = Reach.read(s.section("reach", "ports", "exec"));
        Setup setup = Setup.read(s.section("setup", "env", "files"));
        Map<String, SecretRef> secrets = secrets(s);
        Map<String, Map<String, Object>> backend = backend(s);
        Map<String, String> labels = labels(s);
        if (!s.problems().isEmpty() || id.isEmpty() || version.isEmpty() || description.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(id.get(), version.get(), description.get(), extension, requires, ttl,
                resources, network, inputs, readiness, reach, setup, secrets, backend, labels, origin));
    }

    private static boolean idOk(Section s, String field, String value) {
        boolean ok = ProfileRef.ID.matcher(value).matches();
        if (!ok) {
            s.problems().at(s.get(field).orElseThrow(), Quote.of(value) + " is not a valid " + field + "; use lower-case"
                    + " letters, digits and '-', starting with a letter or digit, at most 63 characters");
        }
        return ok;
    }

    private static boolean positive(Section s, long version) {
        boolean ok = version >= 1 && version <= Integer.MAX_VALUE;
        if (!ok) {
            s.problems().at(s.get("version").orElseThrow(), version + " is not a version; versions are 1, 2, 3, ...");
        }
        return ok;
    }

    private static Set<Capability> requires(Section s) {
        Set<Capability> requires = EnumSet.noneOf(Capability.class);
        List<String> known = Arrays.stream(Capability.values()).map(Capability::id).toList();
        for (YamlNode item : s.list("requires").orElse(List.of())) {
            s.string(item).ifPresent(word -> {
                if (!known.contains(word)) {
                    s.problems().at(item, "unknown capability " + Quote.of(word) + Spelling.suggest(word, known)
                            + "; known: " + String.join(", ", known));
                } else if (!requires.add(Capability.fromId(word))) {
                    s.problems().at(item, Quote.of(word) + " is listed twice");
                }
            });
        }
        return requires;
    }

    private static Map<String, InputSpec> inputs(Section s) {
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        s.mapping("inputs").ifPresent(mapping -> mapping.entries().values().forEach(entry -> {
            if (!Template.INPUT_NAME.matcher(entry.key()).matches()) {
                s.problems().add(entry.keyLocation(), entry.value().path(), Quote.of(entry.key()) + " is not an"
                        + " input name; use letters, digits, _ and -, starting with a letter or _");
            }
            InputSpec.read(entry.key(), entry.value(), s.problems()).ifPresent(spec -> inputs.put(entry.key(), spec));
        }));
        return inputs;
    }

    private static Map<String, SecretRef> secrets(Section s) {
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        s.mapping("secrets").ifPresent(mapping -> mapping.entries().values().forEach(entry -> {
            if (!SecretRef.ENV_NAME.matcher(entry.key()).matches()) {
                s.problems().add(entry.keyLocation(), entry.value().path(), Quote.of(entry.key())
                        + " is not an environment variable name; use letters, digits and _, e.g. API_TOKEN");
            }
            // The text is not echoed: if it is not a reference, it may well be a pasted secret value.
            Optional<SecretRef> ref = entry.value() instanceof YamlNode.Scalar sc && sc.isString()
                    ? SecretRef.parse(sc.text()) : Optional.empty();
            ref.ifPresentOrElse(r -> secrets.put(entry.key(), r), () -> s.problems().at(entry.value(),
                    "is not a secret reference; use env:NAME or file:PATH (secret values never go in a profile)"));
        }));
        return secrets;
    }

    private static Map<String, Map<String, Object>> backend(Section s) {
        Map<String, Map<String, Object>> backend = new LinkedHashMap<>();
        s.mapping("backend").ifPresent(mapping -> mapping.entries().values().forEach(entry -> {
            if (!ProfileRef.ID.matcher(entry.key()).matches()) {
                s.problems().add(entry.keyLocation(), entry.value().path(), Quote.of(entry.key())
                        + " is not an extension id; use lower-case letters, digits and '-', e.g. podman");
            }
            if (!(entry.value() instanceof YamlNode.Mapping)) {
                s.problems().at(entry.value(), "expected a mapping (the extension's spec), found "
                        + entry.value().describe());
                return;
            }
            PlainData.of(entry.value(), s.problems()).ifPresent(spec -> backend.put(entry.key(), castMap(spec)));
        }));
        return backend;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object spec) {
        return (Map<String, Object>) spec; // PlainData.of makes a Map<String, Object> from a Mapping node
    }

    private static Map<String, String> labels(Section s) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.mapping("labels").ifPresent(mapping -> mapping.entries().values().forEach(entry -> {
            if (!LABEL_KEY.matcher(entry.key()).matches() || entry.key().startsWith(OwnershipLabels.PREFIX)) {
                s.problems().add(entry.keyLocation(), entry.value().path(), Quote.of(entry.key()) + " is not a usable"
                        + " label key; use letters, digits, '.', '_', '-' and '/', not starting with "
                        + OwnershipLabels.PREFIX + " (reserved for sand-boxer's own labels)");
            }
            s.scalarText(entry.value()).ifPresent(value -> labels.put(entry.key(), value));
        }));
        return labels;
    }
}
