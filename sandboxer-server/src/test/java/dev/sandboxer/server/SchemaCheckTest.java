package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The conformance test is only as good as its checker: it must catch what it claims to. */
class SchemaCheckTest {
    private static final OpenApi DOC = OpenApi.load();

    private static JsonNode json(String text) throws Exception {
        return Api.JSON.readTree(text);
    }

    private static JsonNode schema(String name) {
        return DOC.document.at("/components/schemas/" + name);
    }

    @Test
    void aConformingValuePasses() throws Exception {
        assertThat(DOC.check.problems(json("""
                {"exitCode": 0, "stdout": "hi\\n", "stderr": ""}"""), schema("ExecResult"))).isEmpty();
    }

    @Test
    void missingRequiredExtraFieldsWrongTypesAndBadEnumsAreCaught() throws Exception {
        assertThat(DOC.check.problems(json("""
                {"exitCode": "0", "stdout": "", "extra": true}"""), schema("ExecResult")))
                .anyMatch(p -> p.contains("required 'stderr'"))
                .anyMatch(p -> p.contains("$.extra: not in the schema"))
                .anyMatch(p -> p.contains("$.exitCode: string is not"));
        assertThat(DOC.check.problems(json("\"frozen\""), schema("SandboxState"))).hasSize(1);
        assertThat(DOC.check.problems(json("\"yesterday\""), schema("Instant"))).hasSize(1);
    }

    @Test
    void typeListsMakeAFieldNullable() throws Exception {
        assertThat(DOC.check.problems(json("null"), schema("NullableInstant"))).isEmpty();
        assertThat(DOC.check.problems(json("null"), schema("Instant"))).hasSize(1);
    }
}
