package dev.sandboxer.core.profile;

import static dev.sandboxer.core.profile.ProfileText.HEADER;
import static dev.sandboxer.core.profile.ProfileText.parse;
import static dev.sandboxer.core.profile.ProfileText.problem;
import static dev.sandboxer.core.profile.ProfileText.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.NetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Structure and values: what a profile file may say, and how each mistake is reported. */
class ProfileParserTest {

    @Test
    void minimalProfileGetsSafeDefaults() {
        Profile profile = parse(HEADER);

        assertThat(profile.ref()).isEqualTo(ProfileRef.of("demo", 1));
        assertThat(profile.ttl()).isEqualTo(new TtlPolicy(Duration.ofMinutes(30), Duration.ofHours(4)));
        assertThat(profile.network().egress()).isEqualTo(NetworkPolicy.Egress.DENY);
        assertThat(profile.resources()).isEqualTo(ResourceSpec.BACKEND_DEFAULT);
        assertThat(profile.reach().exec()).isFalse();
        assertThat(profile.readiness()).isEmpty();
        assertThat(profile.extension()).isEmpty();
        assertThat(profile.origin().source()).isEqualTo("test.yaml");
        assertThat(profile.origin().sha256()).hasSize(64);
    }

    @Test
    void everyFieldIsReadIntoTheModel() {
        Profile profile = parse(HEADER + """
                extension: compose
                requires: [multi-service, published-ports, exec]
                ttl: {default: 1h30m, max: 1d}
                resources: {cpu: 500m, memory: 1.5Gi}
                network: {egress: allow-list, allow: [pypi.org, "*.github.com", 10.0.0.0/8, "fd00::/8"]}
                inputs:
                  greeting: {type: string, default: hello, pattern: "[a-z ]+", enum: [hello, hi], description: Says}
                  count: {type: int, default: 3}
                readiness:
                  http: {port: web, path: /health, status: 204}
                  timeout: 45s
                  interval: 250ms
                reach:
                  ports:
                    - {name: web, service: web, port: 8080, protocol: http}
                  exec: true
                setup:
                  env: {GREETING: "${inputs.greeting}", PORT: 8080}
                  files:
                    - {path: /www/index.html, content: "${inputs.greeting}\\n", mode: "0600"}
                secrets:
                  API_TOKEN: env:MY_TOKEN
                  KEY: file:/run/keys/key
                labels: {team: qa}
                """);

        assertThat(profile.requires()).containsExactly(Capability.EXEC, Capability.PUBLISHED_PORTS,
                Capability.MULTI_SERVICE);
        assertThat(profile.ttl()).isEqualTo(new TtlPolicy(Duration.ofMinutes(90), Duration.ofDays(1)));
        assertThat(profile.resources()).isEqualTo(new ResourceSpec(500, 1536L * 1024 * 1024));
        assertThat(profile.network().allow()).containsExactly("pypi.org", "*.github.com", "10.0.0.0/8", "fd00::/8");
        assertThat(profile.inputs()).containsOnlyKeys("greeting", "count");
        assertThat(profile.inputs().get("greeting").allowed()).containsExactly("hello", "hi");
        assertThat(profile.inputs().get("count").defaultValue()).contains("3");
        assertThat(profile.readiness()).contains(new ReadinessProbe.Http("web", "/health", 204, Duration.ofSeconds(45),
                Duration.ofMillis(250)));
        assertThat(profile.reach().ports()).containsExactly(
                new PortSpec("web", Optional.of("web"), 8080, PortSpec.Protocol.HTTP));
        assertThat(profile.setup().env()).containsEntry("PORT", "8080");
        assertThat(profile.setup().files()).containsExactly(new FileSpec("/www/index.html", "${inputs.greeting}\n", 0600));
        assertThat(profile.secrets()).containsEntry("API_TOKEN", new SecretRef.EnvRef("MY_TOKEN"));
        assertThat(profile.secrets().get("KEY").reference()).isEqualTo("file:/run/keys/key");
        assertThat(profile.labels()).containsEntry("team", "qa");
    }

    @Test
    void unknownFieldIsRefusedWithLineAndColumn() {
        ProfileProblem problem = problem(HEADER + """
                ttl:
                  default: 10m
                  maximum: 4h
                """);

        assertThat(problem).isEqualTo(new ProfileProblem("test.yaml", 6, 3, "ttl.maximum",
                "unknown field 'maximum'; known fields: default, max"));
    }

    @Test
    void unknownTopLevelFieldSuggestsTheCloseKnownName() {
        ProfileProblem problem = problem(HEADER + "tll: {default: 10m}\n");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.path()).isEqualTo("tll");
        assertThat(problem.message()).startsWith("unknown field 'tll' (did you mean 'ttl'?); known fields: id,");
    }

    @Test
    void badDurationIsRefusedWithHowToWriteOne() {
        ProfileProblem problem = problem(HEADER + """
                ttl:
                  default: 10 minutes
                """);

        assertThat(problem.render())
                .isEqualTo("test.yaml:5:12: ttl.default: '10 minutes' is not a duration; use e.g. 30s, 10m, 2h, 1h30m");
    }

    @Test
    void durationWithoutUnitIsRefused() {
        ProfileProblem problem = problem(HEADER + "readiness: {command: [true], timeout: 30}\n");

        assertThat(problem.path()).isEqualTo("readiness.timeout");
        assertThat(problem.column()).isEqualTo(39);
        assertThat(problem.message()).isEqualTo("'30' is not a duration; use e.g. 30s, 10m, 2h, 1h30m");
    }

    @Test
    void defaultTtlLongerThanMaxIsRefused() {
        ProfileProblem problem = problem(HEADER + "ttl: {default: 8h, max: 4h}\n");

        assertThat(problem.render()).isEqualTo(
                "test.yaml:4:16: ttl.default: 8h is longer than max 4h; shorten the default or raise max");
    }

    @Test
    void ttlWrittenHalfwayNeverContradictsItself() {
        assertThat(parse(HEADER + "ttl: {max: 10m}\n").ttl()).isEqualTo(
                new TtlPolicy(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(parse(HEADER + "ttl: {default: 8h}\n").ttl()).isEqualTo(
                new TtlPolicy(Duration.ofHours(8), Duration.ofHours(8)));
    }

    @Test
    void badMemoryAndCpuAreRefusedEachWithItsHint() {
        List<ProfileProblem> problems = problems(HEADER + """
                resources:
                  cpu: lots
                  memory: 12 GB
                """);

        assertThat(problems).extracting(ProfileProblem::render).containsExactly(
                "test.yaml:5:8: resources.cpu: 'lots' is not a cpu amount above zero; use vCPUs like 0.5 or 2,"
                        + " or thousandths like 500m",
                "test.yaml:6:11: resources.memory: '12 GB' is not a memory amount above zero; use e.g. 256Mi, 1Gi"
                        + " or 512M");
    }

    @Test
    void zeroCpuIsRefused() {
        assertThat(problem(HEADER + "resources: {cpu: 0}\n").path()).isEqualTo("resources.cpu");
    }

    @Test
    void badIdIsRefused() {
        ProfileProblem problem = problem("id: Compose_E2E\nversion: 1\ndescription: d\n");

        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.path()).isEqualTo("id");
        assertThat(problem.message()).startsWith("'Compose_E2E' is not a valid id; use lower-case letters, digits and '-'");
    }

    @Test
    void idLongerThan63CharactersIsRefused() {
        assertThat(problem("id: " + "a".repeat(64) + "\nversion: 1\ndescription: d\n").path()).isEqualTo("id");
    }

    @Test
    void missingRequiredFieldIsRefusedNamingTheField() {
        ProfileProblem problem = problem("id: demo\ndescription: d\n");

        assertThat(problem.render()).isEqualTo("test.yaml:1:1: version: is required; add e.g. 'version: 1'");
    }

    @Test
    void wrongTypeIsRefusedSayingWhatWasFound() {
        List<ProfileProblem> problems = problems("""
                id: demo
                version: one
                description: [a, list]
                reach: {exec: maybe}
                """);

        assertThat(problems).extracting(ProfileProblem::path, ProfileProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("version", "expected a whole number, found the text 'one'"),
                org.assertj.core.groups.Tuple.tuple("description", "expected text, found a list"),
                org.assertj.core.groups.Tuple.tuple("reach.exec", "expected true or false, found the text 'maybe'"));
    }

    @Test
    void versionMustBePositive() {
        assertThat(problem("id: demo\nversion: 0\ndescription: d\n").message())
                .isEqualTo("0 is not a version; versions are 1, 2, 3, ...");
    }

    @Test
    void unknownCapabilityIsRefusedListingTheKnownOnes() {
        ProfileProblem problem = problem(HEADER + "requires: [exec, gpu]\n");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(18);
        assertThat(problem.path()).isEqualTo("requires[1]");
        assertThat(problem.message()).startsWith("unknown capability 'gpu'; known: exec, backend-deadline,");
    }

    @Test
    void readinessPortMustBeAmongReachPorts() {
        ProfileProblem problem = problem(HEADER + """
                reach:
                  ports: [{name: web, port: 8080}]
                readiness:
                  http: {port: api}
                """);

        assertThat(problem.render()).isEqualTo(
                "test.yaml:7:16: readiness.http.port: 'api' is not a port in reach.ports; known ports: web");
    }

    @Test
    void readinessTakesExactlyOneOfHttpAndCommand() {
        assertThat(problem(HEADER + "readiness: {timeout: 5s}\n").message()).startsWith("needs http or command");
        assertThat(problem(HEADER + """
                reach: {ports: [{name: web, port: 80}]}
                readiness: {http: {port: web}, command: [true]}
                """).path()).isEqualTo("readiness.command");
    }

    @Test
    void portNamingAServiceNeedsAMultiServiceProfile() {
        ProfileProblem problem = problem(HEADER + "reach: {ports: [{name: web, service: web, port: 8080}]}\n");

        assertThat(problem.path()).isEqualTo("reach.ports[0].service");
        assertThat(problem.message()).contains("add multi-service to requires");
    }

    @Test
    void portNamesAndFilePathsMustBeUnique() {
        List<ProfileProblem> problems = problems(HEADER + """
                reach: {ports: [{name: web, port: 80}, {name: web, port: 81}]}
                setup: {files: [{path: /a, content: x}, {path: /a, content: y}]}
                """);

        assertThat(problems).extracting(ProfileProblem::path).containsExactly("reach.ports[1]", "setup.files[1]");
    }

    @Test
    void fileModeIsOctalAndPathAbsolute() {
        List<ProfileProblem> problems = problems(HEADER + """
                setup:
                  files:
                    - {path: etc/app.conf, content: x, mode: "rw-r--r--"}
                """);

        assertThat(problems).extracting(ProfileProblem::path, ProfileProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("setup.files[0].path",
                        "'etc/app.conf' is not an absolute path; start it with /"),
                org.assertj.core.groups.Tuple.tuple("setup.files[0].mode",
                        "'rw-r--r--' is not a file mode; write octal in quotes, e.g. \"0644\" or \"0755\""));
    }

    @Test
    void allowListNeedsEntriesAndOnlyAllowListTakesThem() {
        assertThat(problem(HEADER + "network: {egress: allow-list}\n").path()).isEqualTo("network.allow");
        assertThat(problem(HEADER + "network: {egress: deny, allow: [pypi.org]}\n").message())
                .startsWith("is only used with egress: allow-list");
        assertThat(problem(HEADER + "network: {egress: allow-list, allow: [\"not a host\"]}\n").path())
                .isEqualTo("network.allow[0]");
        assertThat(problem(HEADER + "network: {egress: open}\n").message())
                .isEqualTo("'open' is not an egress mode; use deny, allow or allow-list");
    }

    @Test
    void secretMustBeAReferenceAndTheTextIsNeverEchoed() {
        ProfileProblem problem = problem(HEADER + "secrets: {API_TOKEN: sk-live-123456}\n");

        assertThat(problem.path()).isEqualTo("secrets.API_TOKEN");
        assertThat(problem.message()).contains("use env:NAME or file:PATH").doesNotContain("sk-live-123456");
    }

    @Test
    void secretAndPlainVariableOfTheSameNameAreRefused() {
        ProfileProblem problem = problem(HEADER + "setup: {env: {TOKEN: x}}\nsecrets: {TOKEN: env:T}\n");

        assertThat(problem.path()).isEqualTo("secrets.TOKEN");
    }

    @Test
    void labelsMayNotUseSandboxersOwnPrefix() {
        ProfileProblem problem = problem(HEADER + "labels: {dev.sandboxer.sandbox: x}\n");

        assertThat(problem.path()).isEqualTo("labels[\"dev.sandboxer.sandbox\"]");
        assertThat(problem.message()).contains("reserved for sand-boxer's own labels");
    }

    @Test
    void backendSectionIsKeptAsPlainOrderedData() {
        Profile profile = parse(HEADER + """
                backend:
                  podman:
                    image: busybox
                    command: [sleep, 10]
                    tty: false
                    ratio: 0.5
                    volumes: [{name: w, path: /w}]
                    empty: {}
                """);

        Map<String, Object> spec = profile.backendSpec("podman");
        assertThat(spec.keySet()).containsExactly("image", "command", "tty", "ratio", "volumes", "empty");
        assertThat(spec.get("command")).isEqualTo(List.of("sleep", 10));
        assertThat(spec.get("tty")).isEqualTo(false);
        assertThat(spec.get("ratio")).isEqualTo(0.5);
        assertThat(spec.get("volumes")).isEqualTo(List.of(Map.of("name", "w", "path", "/w")));
        assertThat(spec.get("empty")).isEqualTo(Map.of());
        assertThat(profile.backendSpec("compose")).isEmpty();
        assertThatThrownBy(() -> spec.put("image", "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullInsideBackendIsRefusedBecauseExtensionsArePromisedNone() {
        ProfileProblem problem = problem(HEADER + """
                backend:
                  compose:
                    volumes:
                      data:
                """);

        assertThat(problem.path()).isEqualTo("backend.compose.volumes.data");
        assertThat(problem.message()).contains("write {} for an empty mapping");
    }

    @Test
    void pinnedExtensionNeedsItsBackendSection() {
        ProfileProblem problem = problem(HEADER + "extension: podman\nbackend: {compose: {main: web}}\n");

        assertThat(problem.path()).isEqualTo("extension");
        assertThat(problem.message()).contains("backend has no podman section");
    }

    @Test
    void allProblemsAreCollectedAndTheExceptionShowsTheFirstAndACount() {
        String yaml = """
                id: Bad
                version: 0
                descripton: typo
                ttl: {default: soon}
                """;

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.problems()).extracting(ProfileProblem::path)
                            .containsExactly("description", "id", "version", "descripton", "ttl.default");
                    assertThat(e.getMessage()).isEqualTo("test.yaml:1:1: description: is required; add e.g."
                            + " 'description: What this sandbox is for' (and 4 more problems)");
                });
    }

    @Test
    void digestIsOfTheFileBytes() {
        byte[] a = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] b = (HEADER + "# a comment changes the text, so the digest\n").getBytes(StandardCharsets.UTF_8);

        assertThat(ProfileParser.parse("a.yaml", a).origin().sha256())
                .isEqualTo(ProfileOrigin.of("a.yaml", a).sha256())
                .isNotEqualTo(ProfileParser.parse("a.yaml", b).origin().sha256());
    }
}
