package dev.sandboxer.ext.podmancli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.ext.compose.ComposeExtension;
import dev.sandboxer.ext.podman.PodmanExtension;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without podman every verb fails with the typed {@link ExtensionException.Unavailable} (observe answers
 * UNKNOWN), whether the lookup already says podman is missing or it surfaces only when podman is run.
 */
class MissingPodmanTest {
    private static final Owner OWNER = new Owner("test-missing-podman");
    private Path workDir;

    @BeforeEach
    void makeWorkDir() throws IOException {
        workDir = Files.createTempDirectory("sandboxer-missing-podman");
    }

    @AfterEach
    void removeWorkDir() {
        HostPodman.deleteTree(workDir);
    }

    static Stream<Arguments> extensionsWithoutPodman() {
        Function<ExtensionContext, Extension> podman = PodmanExtension::new;
        Function<ExtensionContext, Extension> compose = ComposeExtension::new;
        return Stream.of(
                Arguments.of("podman", podman, new MissingPodmanTransport(false)),
                Arguments.of("podman", podman, new MissingPodmanTransport(true)),
                Arguments.of("compose", compose, new MissingPodmanTransport(false)),
                Arguments.of("compose", compose, new MissingPodmanTransport(true)));
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("extensionsWithoutPodman")
    void everyVerbSaysPodmanIsUnavailable(String id, Function<ExtensionContext, Extension> make, Transport transport) {
        Extension extension = make.apply(new ExtensionContext(OWNER, transport, workDir, Map.of(),
                Clock.systemUTC()));
        BackendRef ref = new BackendRef(id, "mp-sandbox", "");

        assertThat(extension.health().available()).isFalse();
        ProvisionRequest request = ProvisionRequest.minimal("mp-sandbox",
                OwnershipLabels.of("mp-sandbox", OWNER, Instant.now().plusSeconds(600)), spec(id));
        assertUnavailable(() -> extension.create(request, Progress.NONE));
        assertUnavailable(() -> extension.destroy(ref));
        assertUnavailable(() -> extension.exec(ref, ExecRequest.of("true")));
        assertUnavailable(() -> extension.listOwned(OWNER));
        assertUnavailable(() -> extension.logTail(ref, 10));
        if (extension.descriptor().capabilities().contains(Capability.PAUSE)) {
            assertUnavailable(() -> extension.pause(ref));
            assertUnavailable(() -> extension.resume(ref));
        }
        Observation observed = extension.observe(ref);
        assertThat(observed.status()).isEqualTo(Observation.Status.UNKNOWN);
        assertThat(observed.detail()).contains("podman");
        try (Stream<Path> left = Files.walk(workDir)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("nothing written without podman").isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> spec(String id) {
        return id.equals("podman") ? Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "60"))
                : Map.of("services", Map.of("app", Map.of("image", HostPodman.IMAGE)));
    }

    private static void assertUnavailable(ThrowingCallable verb) {
        assertThatThrownBy(verb).isInstanceOfSatisfying(ExtensionException.Unavailable.class, e -> {
            assertThat(e.getMessage()).contains("podman");
            assertThat(e.hint()).contains("apt-get install podman");
        });
    }

    @Test
    void aLogTailThroughAShellThatCannotFindPodmanIsUnavailableNotALog() {
        Podman missing = new Podman(new LocalTransport(), "podman-not-installed-here");

        assertThatThrownBy(() -> missing.logTail("some-container", 5))
                .isInstanceOf(ExtensionException.Unavailable.class)
                .hasMessageContaining("podman-not-installed-here cannot be run on local")
                .hasMessageContaining("not found");
    }
}
