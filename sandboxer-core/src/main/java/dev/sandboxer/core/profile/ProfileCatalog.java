package dev.sandboxer.core.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The profiles sand-boxer knows: the built-in ones shipped as classpath resources, then every
 * {@code *.yaml} / {@code *.yml} file in the user directories, in the order given. A user file may add
 * versions of a built-in id; the same id and version twice is a problem naming both files, and the
 * first one loaded stays. Files that do not load are skipped and reported by {@link #problems()}, so
 * one broken file does not take the others down. Loaded once; make a new catalog to reload.
 */
public final class ProfileCatalog {
    /** Lists the built-in profile files: classpath directories cannot be listed inside a jar. */
    static final String BUILTIN_INDEX = "profiles/index.txt";

    private final TreeMap<String, NavigableMap<Integer, Profile>> byId = new TreeMap<>();
    private final List<ProfileProblem> problems = new ArrayList<>();

    /** @param userDirs e.g. {@code $SANDBOXER_HOME/profiles}; directories that do not exist are skipped */
    public ProfileCatalog(List<Path> userDirs) {
        this(ProfileCatalog.class.getClassLoader(), BUILTIN_INDEX, userDirs);
    }

    ProfileCatalog(ClassLoader loader, String builtinIndex, List<Path> userDirs) {
        loadBuiltins(loader, builtinIndex);
        userDirs.forEach(this::loadDirectory);
    }

    /** The latest version of each profile, by id. */
    public List<Profile> list() {
        return byId.values().stream().map(versions -> versions.lastEntry().getValue()).toList();
    }

    /** Every version of every profile, by id then version. */
    public List<Profile> listAllVersions() {
        return byId.values().stream().flatMap(versions -> versions.values().stream()).toList();
    }

    /** {@code id} finds the latest version, {@code id@2} exactly version 2. */
    public Optional<Profile> find(ProfileRef ref) {
        NavigableMap<Integer, Profile> versions = byId.get(ref.id());
        if (versions == null) {
            return Optional.empty();
        }
        return ref.version().map(v -> Optional.ofNullable(versions.get(v)))
                .orElseGet(() -> Optional.of(versions.lastEntry().getValue()));
    }

    /** Like {@link #find}, but a miss is an {@link UnknownProfileException} saying what does exist. */
    public Profile require(ProfileRef ref) {
        return find(ref).orElseThrow(() -> new UnknownProfileException(ref, byId.keySet(),
                Optional.ofNullable(byId.get(ref.id())).map(NavigableMap::keySet).orElse(Collections.emptySet()),
                problems.size()));
    }

    /** Files that did not load, and duplicate definitions; empty when every file is fine. */
    public List<ProfileProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Every problem in {@code file}, as {@code sandboxer profiles validate} reports them, including an
     * id and version that another file in this catalog already defines.
     */
    public List<ProfileProblem> validate(Path file) {
        return validate(file, BackendSpecCheck.NONE);
    }

    /** Like {@link #validate(Path)}, and also asks the extensions about their backend sections. */
    public List<ProfileProblem> validate(Path file, BackendSpecCheck backendCheck) {
        byte[] content;
        try {
            content = ProfileParser.readAll(file);
        } catch (ProfileException e) {
            return e.problems();
        }
        ProfileParser.Parsed parsed = ProfileParser.read(file.toString(), ProfileParser.source(file), content);
        if (parsed.profile().isEmpty()) {
            return parsed.problems();
        }
        Profile profile = parsed.profile().get();
        List<ProfileProblem> problems = new ArrayList<>();
        find(profile.ref())
                .filter(existing -> !existing.origin().source().equals(profile.origin().source()))
                .ifPresent(existing -> problems.add(duplicate(file.toString(), parsed, existing)));
        SourceIndex index = new SourceIndex(parsed.root().orElseThrow());
        profile.backend().forEach((extension, spec) -> backendCheck.problems(extension, spec).forEach(line ->
                problems.add(backendProblem(file.toString(), index, extension, line))));
        return problems;
    }

    /** {@code "services.web.image: missing"} from extension compose → at backend.compose.services.web.image. */
    private static ProfileProblem backendProblem(String file, SourceIndex index, String extension, String line) {
        int colon = line.indexOf(": ");
        String relative = colon < 0 ? "" : line.substring(0, colon).strip();
        String message = colon < 0 ? line : line.substring(colon + 2);
        String base = YamlNode.child("backend", extension);
        String path = relative.isEmpty() ? base : relative.startsWith("[") ? base + relative : base + "." + relative;
        YamlNode at = index.at(path);
        return new ProfileProblem(file, at.location().line(), at.location().column(), path, message);
    }

    private void loadBuiltins(ClassLoader loader, String index) {
        String base = index.contains("/") ? index.substring(0, index.lastIndexOf('/') + 1) : "";
        byte[] listing = resource(loader, index);
        if (listing == null) {
            problems.add(new ProfileProblem("builtin:" + index, 1, 1, "", "the built-in profile index is missing"
                    + " from the classpath; the build should package it"));
            return;
        }
        for (String line : new String(listing, StandardCharsets.UTF_8).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] content = resource(loader, base + line);
            if (content == null) {
                problems.add(new ProfileProblem("builtin:" + index, 1, 1, "", line + " is listed but not on the"
                        + " classpath; fix the index"));
            } else {
                add("builtin:" + line, "builtin:" + line, content);
            }
        }
    }

    private void loadDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(f -> f.getFileName().toString().matches("[^.].*\\.ya?ml") && Files.isRegularFile(f))
                    .sorted()
                    .forEach(f -> {
                        try {
                            add(f.toString(), ProfileParser.source(f), ProfileParser.readAll(f));
                        } catch (ProfileException e) {
                            problems.addAll(e.problems());
                        }
                    });
        } catch (IOException e) {
            problems.add(new ProfileProblem(dir.toString(), 1, 1, "", "profile directory cannot be listed ("
                    + e.getClass().getSimpleName() + "); check that it is a readable directory"));
        }
    }

    private void add(String file, String source, byte[] content) {
        ProfileParser.Parsed parsed = ProfileParser.read(file, source, content);
        problems.addAll(parsed.problems());
        parsed.profile().ifPresent(profile -> {
            NavigableMap<Integer, Profile> versions = byId.computeIfAbsent(profile.id(), id -> new TreeMap<>());
            Profile first = versions.putIfAbsent(profile.version(), profile);
            // The same bytes twice (a file validated against the catalog it is installed in) is no conflict.
            if (first != null && !first.origin().sha256().equals(profile.origin().sha256())) {
                problems.add(duplicate(file, parsed, first));
            }
        });
    }

    private static ProfileProblem duplicate(String file, ProfileParser.Parsed parsed, Profile existing) {
        Location at = parsed.root().map(ProfileCatalog::versionLocation).orElse(Location.START);
        return new ProfileProblem(file, at.line(), at.column(), "version", existing.ref() + " is already defined in "
                + existing.origin().source() + "; give this file another version (two files may not define the same version differently, and a"
                + " user file may add versions of a built-in profile, not replace one)");
    }

    private static Location versionLocation(YamlNode root) {
        return root instanceof YamlNode.Mapping m && m.entries().containsKey("version")
                ? m.entries().get("version").value().location() : root.location();
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
