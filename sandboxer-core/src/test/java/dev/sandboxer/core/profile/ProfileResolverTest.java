package dev.sandboxer.core.profile;

import static dev.sandboxer.core.profile.ProfileText.HEADER;
import static dev.sandboxer.core.profile.ProfileText.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.SetupFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs given at create: checked, defaulted, recorded, and substituted into the templated fields. */
class ProfileResolverTest {
    private static final Profile PROFILE = parse(HEADER + """
            inputs:
              greeting: {default: hello, pattern: "[a-z ]+"}
              size: {enum: [s, m, l], default: m}
              replicas: {type: int, default: 1}
              debug: {type: bool, default: false}
              repo: {required: true}
              note: {}
            readiness: {command: [test, -f, "/tmp/${inputs.repo}"]}
            setup:
              env: {GREETING: "${inputs.greeting}", LITERAL: "$${inputs.greeting}", NOTE: "[${inputs.note}]"}
              files: [{path: "/srv/${inputs.size}.txt", content: "${inputs.greeting} x${inputs.replicas}\\n"}]
            backend:
              podman:
                command: [sh, -c, "echo ${inputs.greeting}"]
                env: {DEBUG: "${inputs.debug}", COUNT: 3}
                "${inputs.size}": keys are names, not templates
            """);

    @Test
    void defaultsApplyAndEverythingInForceIsRecorded() {
        ResolvedProfile resolved = ProfileResolver.resolve(PROFILE, Map.of("repo", "app"));

        assertThat(resolved.inputs()).containsExactly(Map.entry("debug", "false"), Map.entry("greeting", "hello"),
                Map.entry("replicas", "1"), Map.entry("repo", "app"), Map.entry("size", "m"));
        assertThat(resolved.ref()).isEqualTo(ProfileRef.of("demo", 1));
    }

    @Test
    void inputsAreSubstitutedInEveryTemplatedField() {
        ResolvedProfile resolved = ProfileResolver.resolve(PROFILE, Map.of("repo", "app", "greeting", "hi there",
                "replicas", "007", "debug", "TRUE"));

        assertThat(resolved.env()).containsEntry("GREETING", "hi there");
        assertThat(resolved.setupFiles()).containsExactly(
                new SetupFile("/srv/m.txt", "hi there x7\n".getBytes(StandardCharsets.UTF_8), 0644));
        assertThat(resolved.profile().readiness()).hasValueSatisfying(probe ->
                assertThat(((ReadinessProbe.Command) probe).argv()).containsExactly("test", "-f", "/tmp/app"));
        Map<String, Object> spec = resolved.spec("podman");
        assertThat(spec.get("command")).isEqualTo(List.of("sh", "-c", "echo hi there"));
        assertThat(spec.get("env")).isEqualTo(Map.of("DEBUG", "true", "COUNT", 3));
        assertThat(spec).containsKey("${inputs.size}");
    }

    @Test
    void escapedPlaceholderBecomesLiteralAndUnsetOptionalInputIsEmpty() {
        ResolvedProfile resolved = ProfileResolver.resolve(PROFILE, Map.of("repo", "app"));

        assertThat(resolved.env()).containsEntry("LITERAL", "${inputs.greeting}").containsEntry("NOTE", "[]");
        assertThat(resolved.inputs()).doesNotContainKey("note");
    }

    @Test
    void substitutedValuesAreNotSubstitutedAgain() {
        ResolvedProfile resolved = ProfileResolver.resolve(PROFILE, Map.of("repo", "app", "note", "${inputs.repo}"));

        assertThat(resolved.env()).containsEntry("NOTE", "[${inputs.repo}]");
    }

    @Test
    void missingRequiredInputIsRefusedSayingHowToPassIt() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of()))
                .isInstanceOf(InputException.class)
                .hasMessage("input 'repo' is required: pass --input repo=VALUE (any text)");
    }

    @Test
    void unknownInputIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("repo", "a", "greting", "hi")))
                .isInstanceOf(InputException.class)
                .hasMessage("unknown input 'greting' (did you mean 'greeting'?); demo@1 takes: greeting, size,"
                        + " replicas, debug, repo, note");
    }

    @Test
    void profileWithoutInputsSaysSo() {
        assertThatThrownBy(() -> ProfileResolver.resolve(parse(HEADER), Map.of("x", "1")))
                .hasMessage("unknown input 'x': demo@1 takes no inputs");
    }

    @Test
    void patternIsAFullMatch() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("repo", "a", "greeting", "hi!")))
                .hasMessage("input 'greeting': 'hi!' does not match the pattern [a-z ]+; expected text matching"
                        + " [a-z ]+");
    }

    @Test
    void enumNamesTheAllowedValues() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("repo", "a", "size", "xl")))
                .hasMessage("input 'size': 'xl' is not one of: s, m, l; expected one of: s, m, l");
    }

    @Test
    void intAndBoolAreParsed() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("repo", "a", "replicas", "2.5")))
                .hasMessage("input 'replicas': '2.5' is not a whole number; expected a whole number");
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("repo", "a", "debug", "yes")))
                .hasMessage("input 'debug': 'yes' is not true or false; expected true or false");
    }

    @Test
    void allInputProblemsAreReportedTogether() {
        assertThatThrownBy(() -> ProfileResolver.resolve(PROFILE, Map.of("size", "xl", "debug", "maybe")))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.getMessage()).endsWith("(and 2 more problems)");
                });
    }

    @Test
    void resolvingLeavesTheCatalogProfileUntouched() {
        ProfileResolver.resolve(PROFILE, Map.of("repo", "app"));

        assertThat(PROFILE.setup().env()).containsEntry("GREETING", "${inputs.greeting}");
    }
}
