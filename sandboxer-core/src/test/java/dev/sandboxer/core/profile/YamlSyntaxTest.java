package dev.sandboxer.core.profile;

import static dev.sandboxer.core.profile.ProfileText.HEADER;
import static dev.sandboxer.core.profile.ProfileText.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The file itself: YAML that does not parse, or parses into something a profile cannot be. */
class YamlSyntaxTest {

    @Test
    void malformedYamlIsReportedAtTheOffendingCharacter() {
        ProfileProblem problem = problem("id: demo\nversion: 1\ndescription: d\nrequires: [exec\nttl: {}\n");

        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.column()).isEqualTo(4);
        assertThat(problem.path()).isEmpty();
        assertThat(problem.message()).startsWith("not valid YAML: ");
        assertThat(problem.render()).doesNotContain("\n");
    }

    @Test
    void tabIndentationIsReportedWhereTheTabIs() {
        ProfileProblem problem = problem("id: demo\nttl:\n\tdefault: 1m\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.message()).contains("TAB");
    }

    @Test
    void emptyFileAndSecondDocumentAreRefused() {
        assertThat(problem("").message()).startsWith("the file is empty");
        ProfileProblem second = problem(HEADER + "---\nid: other\n");
        assertThat(second.line()).isEqualTo(5);
        assertThat(second.message()).contains("one profile per file");
    }

    @Test
    void documentThatIsNotAMappingIsRefused() {
        assertThat(problem("- id: demo\n").message()).startsWith("expected a mapping of id, version, description");
    }

    @Test
    void duplicateKeyIsRefusedNamingTheFirstLine() {
        ProfileProblem problem = problem(HEADER + "labels: {a: x}\nlabels: {b: y}\n");

        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).isEqualTo("appears twice (first on line 4); keep one");
    }

    @Test
    void aliasesAreRefused() {
        ProfileProblem problem = problem(HEADER + "labels: {a: &v x, b: *v}\n");

        assertThat(problem.path()).isEqualTo("labels.b");
        assertThat(problem.message()).startsWith("aliases (*v) are not supported");
    }

    @Test
    void problemMessagesAreAlwaysOneLine() {
        ProfileProblem problem = new ProfileProblem("f.yaml", 1, 2, "p", "first\n  second\r\nthird");

        assertThat(problem.render()).isEqualTo("f.yaml:1:2: p: first second third");
    }

    @Test
    void unreadableFileIsAProblemNotAStackTrace() {
        assertThatThrownBy(() -> ProfileParser.parse(java.nio.file.Path.of("/nonexistent/p.yaml")))
                .isInstanceOf(ProfileException.class)
                .hasMessage("/nonexistent/p.yaml:1:1: cannot be read: no such file; check the path and permissions");
    }
}
