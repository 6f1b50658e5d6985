package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references become values only here, and no value ever reaches a message. */
class SecretResolverTest {
    private static final String VALUE = "s3cr3t-value-XYZ";

    @TempDir
    Path dir;

    private final SecretResolver resolver = new SecretResolver(Map.of("MY_TOKEN", VALUE, "EMPTY", "")::get);

    @Test
    void envReferenceReadsTheInjectedEnvironment() {
        assertThat(resolver.resolve(new SecretRef.EnvRef("MY_TOKEN")).reveal()).isEqualTo(VALUE);
        assertThat(resolver.resolve("env:MY_TOKEN").reveal()).isEqualTo(VALUE);
    }

    @Test
    void unsetEnvVariableIsNamedWithoutAValue() {
        assertThatThrownBy(() -> resolver.resolve(new SecretRef.EnvRef("OTHER")))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reference()).isEqualTo("env:OTHER"))
                .hasMessage("env:OTHER is not set; export OTHER in the environment of the sand-boxer process");
    }

    @Test
    void emptySecretIsRefused() {
        assertThatThrownBy(() -> resolver.resolve(new SecretRef.EnvRef("EMPTY"))).hasMessageStartingWith(
                "env:EMPTY is empty");
    }

    @Test
    void fileReferenceDropsExactlyOneTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), VALUE + "\n\n");
        Path crlf = Files.writeString(dir.resolve("crlf"), VALUE + "\r\n");

        assertThat(resolver.resolve(new SecretRef.FileRef(file)).reveal()).isEqualTo(VALUE + "\n");
        assertThat(resolver.resolve(new SecretRef.FileRef(crlf)).reveal()).isEqualTo(VALUE);
    }

    @Test
    void missingDirectoryAndHugeFilesAreRefusedByReference() throws IOException {
        Path missing = dir.resolve("missing");
        Path huge = Files.write(dir.resolve("huge"), new byte[(int) SecretResolver.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> resolver.resolve(new SecretRef.FileRef(missing)))
                .hasMessage("file:" + missing + " cannot be read: no such regular file");
        assertThatThrownBy(() -> resolver.resolve(new SecretRef.FileRef(dir)))
                .hasMessage("file:" + dir + " cannot be read: no such regular file");
        assertThatThrownBy(() -> resolver.resolve(new SecretRef.FileRef(huge))).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void resolveAllNamesEveryFailureButNoValue() {
        Map<String, SecretRef> refs = new LinkedHashMap<>();
        refs.put("GOOD", new SecretRef.EnvRef("MY_TOKEN"));
        refs.put("API_TOKEN", new SecretRef.EnvRef("MISSING"));
        refs.put("KEY", new SecretRef.FileRef(dir.resolve("nope")));

        assertThatThrownBy(() -> resolver.resolveAll(refs))
                .isInstanceOf(SecretException.class)
                .hasMessageStartingWith("secret API_TOKEN: env:MISSING is not set")
                .hasMessageEndingWith("(and 1 more unresolved secret)")
                .message().doesNotContain(VALUE);
    }

    @Test
    void malformedReferenceIsNotEchoedBecauseItMayBeAValue() {
        assertThatThrownBy(() -> resolver.resolve(VALUE))
                .isInstanceOf(SecretException.class)
                .message().doesNotContain(VALUE);
    }

    @Test
    void resolvedValuesNeverPrint() {
        Map<String, Secret> secrets = resolver.resolveAll(Map.of("API_TOKEN", new SecretRef.EnvRef("MY_TOKEN")));

        assertThat(secrets.toString()).isEqualTo("{API_TOKEN=****}").doesNotContain(VALUE);
    }

    @Test
    void profilesPrintSecretReferencesOnly() {
        Profile profile = ProfileText.parse(ProfileText.HEADER + "secrets: {API_TOKEN: env:MY_TOKEN, K: file:/k}\n");

        assertThat(profile.toString()).contains("secrets={API_TOKEN=env:MY_TOKEN, K=file:/k}");
        assertThat(ProfileResolver.resolve(profile, Map.of()).toString()).doesNotContain(VALUE);
    }
}
