package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in and user profiles, versions, and what happens when files disagree. */
class ProfileCatalogTest {
    private static final String TEST_INDEX = "profiles-test/builtin/index.txt";

    @TempDir
    Path tmp;

    private static Path resource(String name) {
        try {
            return Path.of(ProfileCatalogTest.class.getClassLoader().getResource("profiles-test/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProfileCatalog catalog(Path... userDirs) {
        return new ProfileCatalog(ProfileCatalogTest.class.getClassLoader(), TEST_INDEX, List.of(userDirs));
    }

    @Test
    void listShowsTheLatestVersionOfEachIdSortedById() {
        ProfileCatalog catalog = catalog(resource("user-a"));

        assertThat(catalog.list()).extracting(p -> p.ref().toString()).containsExactly("alpha@2", "beta@1", "gamma@3");
        assertThat(catalog.listAllVersions()).extracting(p -> p.ref().toString())
                .containsExactly("alpha@1", "alpha@2", "beta@1", "gamma@3");
    }

    @Test
    void findWithoutVersionIsTheLatestAndWithVersionIsPinned() {
        ProfileCatalog catalog = catalog(resource("user-a"));

        assertThat(catalog.find(ProfileRef.parse("alpha"))).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(2));
        assertThat(catalog.find(ProfileRef.parse("alpha@1"))).hasValueSatisfying(p ->
                assertThat(p.origin().source()).isEqualTo("builtin:alpha.yaml"));
        assertThat(catalog.find(ProfileRef.parse("alpha@3"))).isEmpty();
        assertThat(catalog.find(ProfileRef.parse("delta"))).isEmpty();
    }

    @Test
    void userProfilesRecordTheirAbsolutePathAndDigest() {
        Profile gamma = catalog(resource("user-a")).require(ProfileRef.parse("gamma"));

        assertThat(gamma.origin().source()).isEqualTo(resource("user-a").resolve("gamma.yml").toString());
        assertThat(gamma.origin().sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void brokenFileIsReportedAndTheOthersStillLoad() {
        ProfileCatalog catalog = catalog(resource("user-a"));

        assertThat(catalog.problems()).extracting(ProfileProblem::render).containsExactly(
                resource("user-a").resolve("broken.yaml") + ":4:16: ttl.default: 'forever' is not a duration;"
                        + " use e.g. 30s, 10m, 2h, 1h30m");
        assertThat(catalog.find(ProfileRef.parse("broken"))).isEmpty();
    }

    @Test
    void sameIdAndVersionTwiceIsRefusedNamingBothFiles() {
        ProfileCatalog catalog = catalog(resource("user-a"), resource("user-b"));

        Path again = resource("user-b").resolve("alpha-again.yaml");
        assertThat(catalog.problems()).extracting(ProfileProblem::render).contains(again + ":2:10: version: alpha@2"
                + " is already defined in " + resource("user-a").resolve("alpha-v2.yaml") + "; give this file"
                + " another version (two files may not define the same version differently, and a user file may"
                + " add versions of a built-in profile, not replace one)");
        assertThat(catalog.require(ProfileRef.parse("alpha@2")).description()).isEqualTo("Alpha, second version");
    }

    @Test
    void theSameBytesTwiceAreNoConflict(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path a = java.nio.file.Files.createDirectories(dir.resolve("a"));
        Path b = java.nio.file.Files.createDirectories(dir.resolve("b"));
        byte[] alpha = java.nio.file.Files.readAllBytes(resource("user-a").resolve("alpha-v2.yaml"));
        java.nio.file.Files.write(a.resolve("alpha.yaml"), alpha);
        java.nio.file.Files.write(b.resolve("alpha-copy.yaml"), alpha);

        ProfileCatalog catalog = catalog(a, b);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.require(ProfileRef.parse("alpha@2")).description()).isEqualTo("Alpha, second version");
    }

    @Test
    void userFileMayNotRedefineABuiltInVersion() throws IOException {
        Files.writeString(tmp.resolve("alpha.yaml"), "id: alpha\nversion: 1\ndescription: mine\n");

        ProfileCatalog catalog = catalog(tmp);

        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(tmp.resolve("alpha.yaml").toString());
            assertThat(p.message()).startsWith("alpha@1 is already defined in builtin:alpha.yaml");
        });
        assertThat(catalog.require(ProfileRef.parse("alpha@1")).description()).isEqualTo("Alpha, first version");
    }

    @Test
    void missingUserDirectoryIsSkipped() {
        assertThat(catalog(tmp.resolve("does-not-exist")).problems()).isEmpty();
    }

    @Test
    void requireSaysWhatExists() {
        ProfileCatalog catalog = catalog(resource("user-a"));

        assertThatThrownBy(() -> catalog.require(ProfileRef.parse("alpah")))
                .isInstanceOf(UnknownProfileException.class)
                .hasMessage("no profile 'alpah' (did you mean 'alpha'?); known profiles: alpha, beta, gamma"
                        + " (1 problem in profile files; run 'sandboxer profiles validate FILE')");
        assertThatThrownBy(() -> catalog.require(ProfileRef.parse("alpha@7")))
                .hasMessageStartingWith("profile alpha has no version 7; versions: 1, 2");
    }

    @Test
    void validateReportsEveryProblemWithTheFileAsGiven() {
        Path bad = resource("bad.yaml");

        List<ProfileProblem> problems = catalog().validate(bad);

        assertThat(problems).extracting(ProfileProblem::render).containsExactly(bad + ":7:12: ttl.default:"
                + " '10 minutes' is not a duration; use e.g. 30s, 10m, 2h, 1h30m");
    }

    @Test
    void validateReportsAnIdAndVersionTakenByAnotherFile() throws IOException {
        Path copy = Files.writeString(tmp.resolve("copy.yaml"), "id: beta\nversion: 1\ndescription: copy\n");

        assertThat(catalog().validate(copy)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("version");
            assertThat(p.message()).startsWith("beta@1 is already defined in builtin:beta.yaml");
        });
    }

    @Test
    void validatingAFileThatIsInTheCatalogIsClean() {
        Path dir = resource("user-a");

        assertThat(catalog(dir).validate(dir.resolve("gamma.yml"))).isEmpty();
    }

    @Test
    void validateShowsTheExtensionsOwnSpecProblemsWhereTheyAreWritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("p.yaml"), """
                id: delta
                version: 1
                description: d
                backend:
                  podman:
                    image: ""
                    command: [sleep]
                """);
        BackendSpecCheck podman = (extension, spec) -> List.of("image: must not be empty",
                "command[0]: sleep needs a number", "workdir: is required");

        assertThat(catalog().validate(file, podman)).extracting(ProfileProblem::render).containsExactly(
                file + ":6:12: backend.podman.image: must not be empty",
                file + ":7:15: backend.podman.command[0]: sleep needs a number",
                file + ":6:5: backend.podman.workdir: is required");
    }

    @Test
    void validateOfAMissingFileIsAProblem() {
        assertThat(catalog().validate(tmp.resolve("nope.yaml"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("cannot be read: no such file; check the path and permissions"));
    }
}
