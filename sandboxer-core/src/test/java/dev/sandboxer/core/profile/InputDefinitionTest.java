package dev.sandboxer.core.profile;

import static dev.sandboxer.core.profile.ProfileText.HEADER;
import static dev.sandboxer.core.profile.ProfileText.parse;
import static dev.sandboxer.core.profile.ProfileText.problem;
import static dev.sandboxer.core.profile.ProfileText.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input definitions are checked when the profile loads, so a bad default never reaches a create. */
class InputDefinitionTest {

    @Test
    void defaultNotMatchingThePatternIsRefused() {
        ProfileProblem problem = problem(HEADER + """
                inputs:
                  greeting: {pattern: "[a-z ]+", default: HELLO}
                """);

        assertThat(problem.render()).isEqualTo("test.yaml:5:43: inputs.greeting.default: 'HELLO' does not match"
                + " the pattern [a-z ]+; make the default a valid value");
    }

    @Test
    void defaultOutsideTheEnumIsRefused() {
        ProfileProblem problem = problem(HEADER + "inputs: {size: {enum: [s, m, l], default: xl}}\n");

        assertThat(problem.path()).isEqualTo("inputs.size.default");
        assertThat(problem.message()).isEqualTo("'xl' is not one of: s, m, l; make the default a valid value");
    }

    @Test
    void defaultOfTheWrongTypeIsRefused() {
        assertThat(problem(HEADER + "inputs: {n: {type: int, default: many}}\n").message())
                .isEqualTo("'many' is not a whole number; make the default a valid value");
        assertThat(problem(HEADER + "inputs: {b: {type: bool, default: 1}}\n").message())
                .isEqualTo("'1' is not true or false; make the default a valid value");
    }

    @Test
    void enumValuesMustBeValuesOfTheType() {
        ProfileProblem problem = problem(HEADER + "inputs: {n: {type: int, enum: [1, two]}}\n");

        assertThat(problem.path()).isEqualTo("inputs.n.enum[1]");
        assertThat(problem.message()).isEqualTo("'two' is not a whole number; every enum value must be a valid int");
    }

    @Test
    void patternMustBeARegularExpressionAndOnlyForStrings() {
        assertThat(problem(HEADER + "inputs: {s: {pattern: \"[a-\"}}\n").message())
                .startsWith("'[a-' is not a regular expression (");
        assertThat(problem(HEADER + "inputs: {n: {type: int, pattern: \"[0-9]+\"}}\n").message())
                .isEqualTo("only string inputs take a pattern; drop it or use type: string");
    }

    @Test
    void requiredInputWithADefaultIsRefusedAsContradictory() {
        assertThat(problem(HEADER + "inputs: {s: {required: true, default: x}}\n").path())
                .isEqualTo("inputs.s.default");
    }

    @Test
    void unknownTypeAndBadNameAreRefused() {
        assertThat(problems(HEADER + "inputs: {\"bad name\": {type: float}}\n"))
                .extracting(ProfileProblem::path)
                .containsExactly("inputs[\"bad name\"]", "inputs[\"bad name\"].type");
    }

    @Test
    void yamlBooleansAndNumbersKeepTheirWrittenTextAsStringValues() {
        // YAML 1.1 reads `no` as false; for a string input the author meant the word.
        InputSpec answer = parse(HEADER + "inputs: {answer: {enum: [yes, no], default: no}}\n").inputs().get("answer");

        assertThat(answer.allowed()).containsExactly("yes", "no");
        assertThat(answer.defaultValue()).contains("no");
    }

    @Test
    void unknownInputReferenceIsRefusedAtLoadTime() {
        ProfileProblem problem = problem(HEADER + """
                inputs: {greeting: {default: hi}}
                setup:
                  env: {A: "${inputs.greting}"}
                """);

        assertThat(problem.render()).isEqualTo("test.yaml:6:12: setup.env.A: '${inputs.greting}' names no input"
                + " (did you mean 'greeting'?); declared inputs: greeting");
    }

    @Test
    void everyTemplatedFieldIsCheckedForReferences() {
        assertThat(problems(HEADER + """
                setup:
                  files: [{path: "/${inputs.a}", content: "${inputs.b}"}]
                readiness: {command: [echo, "${inputs.c}"]}
                backend: {podman: {command: [sh, -c, "echo ${inputs.d}"], env: {X: "${inputs.e}"}}}
                """)).extracting(ProfileProblem::path).containsExactly(
                "setup.files[0].path", "setup.files[0].content", "readiness.command[1]",
                "backend.podman.command[2]", "backend.podman.env.X");
    }

    @Test
    void otherPlaceholdersAreRefusedUnlessEscaped() {
        ProfileProblem problem = problem(HEADER + "backend: {podman: {command: [sh, -c, \"echo ${HOME}\"]}}\n");
        assertThat(problem.message()).isEqualTo("'${HOME}' is not a placeholder; use ${inputs.NAME}, or $${ for a"
                + " literal ${");

        assertThat(problems(HEADER + "backend: {podman: {command: [sh, -c, \"echo $${HOME} $HOME\"]}}\n")).isEmpty();
    }

    @Test
    void placeholdersOutsideTemplatedFieldsAreLeftAlone() {
        assertThat(parse(HEADER.replace("A profile under test", "Uses ${inputs.x} literally")).description())
                .isEqualTo("Uses ${inputs.x} literally");
    }
}
