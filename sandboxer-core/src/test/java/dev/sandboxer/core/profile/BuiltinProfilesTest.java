package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.spi.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog sand-boxer ships: every profile loads, and each keeps the promises its users rely on. */
class BuiltinProfilesTest {
    private static final String IMAGE = "localhost/sandboxer/busybox:latest";
    private final ProfileCatalog catalog = new ProfileCatalog(List.of());

    @Test
    void everyBuiltinProfileLoadsWithoutProblems() {
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.list()).extracting(p -> p.ref().toString())
                .containsExactly("agent-dev@1", "compose-e2e@1", "health-probe@1");
        assertThat(catalog.list()).allSatisfy(p -> assertThat(p.origin().source()).startsWith("builtin:"));
    }

    @Test
    void indexListsEveryProfileFileInTheSourceTree() throws IOException {
        Path dir = Path.of("src/main/resources/profiles");
        List<String> listed = Files.readAllLines(dir.resolve("index.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
                    .containsExactlyElementsOf(listed);
        }
    }

    @Test
    void everyBuiltinResolvesWithItsDefaults() {
        assertThat(catalog.list()).allSatisfy(p -> ProfileResolver.resolve(p, Map.of()));
    }

    @Test
    void composeE2eIsATwoServiceStackReadyOverHttp() {
        Profile profile = catalog.require(ProfileRef.parse("compose-e2e"));

        assertThat(profile.extension()).contains("compose");
        assertThat(profile.requires()).containsExactlyInAnyOrder(Capability.MULTI_SERVICE, Capability.PUBLISHED_PORTS,
                Capability.EXEC);
        assertThat(profile.ttl()).isEqualTo(new TtlPolicy(Duration.ofMinutes(30), Duration.ofHours(4)));
        assertThat(profile.reach().ports()).containsExactly(
                new PortSpec("web", Optional.of("web"), 8080, PortSpec.Protocol.HTTP));
        assertThat(profile.readiness()).hasValueSatisfying(r -> assertThat(r).isInstanceOfSatisfying(
                ReadinessProbe.Http.class, http -> {
                    assertThat(http.port()).isEqualTo("web");
                    assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(30));
                }));

        ResolvedProfile resolved = ProfileResolver.resolve(profile, Map.of("greeting", "Hi QA"));
        Map<String, Object> services = map(resolved.spec("compose").get("services"));
        assertThat(services.keySet()).containsExactly("web", "api");
        Map<String, Object> web = map(services.get("web"));
        assertThat(web.get("environment")).isEqualTo(Map.of("GREETING", "Hi QA"));
        assertThat(web.get("depends_on")).isEqualTo(List.of("api"));
        assertThat(services.values()).allSatisfy(service -> {
            assertThat(map(service).get("image")).isEqualTo(IMAGE);
            // The engine publishes reach.ports; a ports entry here would bypass its host-port allocation.
            assertThat(map(service)).doesNotContainKey("ports");
        });
        assertThat(resolved.spec("compose").get("main")).isEqualTo("web");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object plainData) {
        return (Map<String, Object>) plainData;
    }

    @Test
    void agentDevIsALongLivedWorkspace() {
        Profile profile = catalog.require(ProfileRef.parse("agent-dev"));

        assertThat(profile.ttl()).isEqualTo(new TtlPolicy(Duration.ofHours(8), Duration.ofDays(7)));
        assertThat(profile.resources()).isEqualTo(new ResourceSpec(1000, 1L << 30));
        assertThat(profile.reach().exec()).isTrue();
        Map<String, Object> spec = profile.backendSpec("podman");
        assertThat(spec.get("image")).isEqualTo(IMAGE);
        assertThat(spec.get("workdir")).isEqualTo("/workspace");
        assertThat(spec.get("volumes")).isEqualTo(List.of(Map.of("name", "workspace", "path", "/workspace")));
        assertThat(profile.readiness()).contains(new ReadinessProbe.Command(List.of("test", "-d", "/workspace"),
                Duration.ofSeconds(30), ReadinessProbe.DEFAULT_INTERVAL));
        assertThat(ProfileResolver.resolve(profile, Map.of("repo", "github.com/acme/app")).env())
                .containsEntry("SANDBOXER_REPO", "github.com/acme/app");
    }

    @Test
    void healthProbeIsTinyAndShortLived() {
        Profile profile = catalog.require(ProfileRef.parse("health-probe"));

        assertThat(profile.ttl()).isEqualTo(new TtlPolicy(Duration.ofMinutes(2), Duration.ofMinutes(10)));
        assertThat(profile.resources()).isEqualTo(new ResourceSpec(100, 32L << 20));
        assertThat(profile.readiness()).hasValueSatisfying(r -> {
            assertThat(r).isEqualTo(new ReadinessProbe.Command(List.of("true"), Duration.ofSeconds(10),
                    ReadinessProbe.DEFAULT_INTERVAL));
        });
        assertThat(profile.backendSpec("podman").get("image")).isEqualTo(IMAGE);
    }

    @Test
    void everyBuiltinKeepsEgressDenied() {
        assertThat(catalog.list()).allSatisfy(p -> assertThat(p.network()).isEqualTo(NetworkSpec.DENY));
    }

    @Test
    void capabilitiesNeededIncludeWhatTheProfileImplies() {
        assertThat(catalog.require(ProfileRef.parse("health-probe")).capabilitiesNeeded()).containsExactlyInAnyOrder(
                Capability.EXEC, Capability.RESOURCE_LIMITS, Capability.NETWORK_POLICY);
    }
}
