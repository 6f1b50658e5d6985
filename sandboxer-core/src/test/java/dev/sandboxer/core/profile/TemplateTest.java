package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The {@code ${inputs.NAME}} template language and its {@code $${} escape. */
class TemplateTest {

    @Test
    void placeholderIsReplacedByTheValue() {
        assertThat(Template.render("say ${inputs.greeting}!", Map.of("greeting", "hi"))).isEqualTo("say hi!");
    }

    @Test
    void doubleDollarEscapesAPlaceholder() {
        assertThat(Template.render("$${inputs.greeting} and $$HOME", Map.of("greeting", "hi")))
                .isEqualTo("${inputs.greeting} and $$HOME");
    }

    @Test
    void unknownAndUnclosedPlaceholdersRenderAsWritten() {
        assertThat(Template.render("${HOME} ${inputs.x ${inputs.missing}", Map.of()))
                .isEqualTo("${HOME} ${inputs.x ${inputs.missing}");
    }

    @Test
    void problemsNameEachBadPlaceholder() {
        assertThat(Template.problems("${inputs.a} ${inputs.b} ${env.C} ${inputs.", Set.of("a")))
                .containsExactly("'${inputs.b}' names no input; declared inputs: a",
                        "'${env.C}' is not a placeholder; use ${inputs.NAME}, or $${ for a literal ${",
                        "unclosed '${inputs.'; close it with }, or write $${ for a literal ${");
    }

    @Test
    void referencesListTheInputsUsed() {
        assertThat(Template.references("${inputs.a}${inputs.b}$${inputs.c}")).containsExactly("a", "b");
    }

    @Property
    void renderNeverThrows(@ForAll("templateLike") String text, @ForAll String value) {
        Template.render(text, Map.of("a", value));
        Template.problems(text, Set.of("a"));
    }

    @Property
    void escapedLiteralRendersBackToItself(@ForAll("templateLike") String literal) {
        assertThat(Template.render(Template.escape(literal), Map.of("a", "X"))).isEqualTo(literal);
    }

    @Property
    void escapedLiteralHasNoProblems(@ForAll("templateLike") String literal) {
        assertThat(Template.problems(Template.escape(literal), Set.of())).isEmpty();
    }

    @Property
    void textWithoutDollarIsUnchanged(@ForAll String text) {
        String plain = text.replace("$", "");
        assertThat(Template.render(plain, Map.of("a", "X"))).isEqualTo(plain);
    }

    @Property
    void valuesAreInsertedVerbatim(@ForAll("templateLike") String value) {
        assertThat(Template.render("<${inputs.a}>", Map.of("a", value))).isEqualTo("<" + value + ">");
    }

    /** Strings dense in the characters the template language cares about. */
    @Provide
    Arbitrary<String> templateLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars('$', '{', '}', 'a', '.').ofMaxLength(20),
                Arbitraries.of("${inputs.a}", "$${", "${", "}", "$", "x", "${inputs.", "$$").list().ofMaxSize(8)
                        .map(parts -> String.join("", parts)),
                Arbitraries.strings().ofMaxLength(30));
    }
}
