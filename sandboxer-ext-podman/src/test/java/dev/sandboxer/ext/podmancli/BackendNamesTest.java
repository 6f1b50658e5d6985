package dev.sandboxer.ext.podmancli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendNamesTest {

    @Test
    void aSafeIdIsUsedAsItIs() {
        assertThat(BackendNames.safe("sbx-01hx.a_b")).isEqualTo("sbx-01hx.a_b");
        assertThat(BackendNames.composeProject("sbx-01hx.a_b")).isEqualTo("sbx_sbx-01hx_a_b");
    }

    @Test
    void anyIdBecomesAValidPodmanAndComposeName() {
        for (String id : List.of("Upper/Case id", "../../etc", "-leading", "ü$`x`", "a".repeat(200), "")) {
            assertThat(BackendNames.safe(id)).as(id).matches("[a-z0-9][a-z0-9_.-]*").hasSizeLessThan(64);
            assertThat(BackendNames.composeProject(id)).as(id).matches("[a-z0-9][a-z0-9_-]*");
        }
    }

    @Test
    void idsThatSqueezeToTheSameTextStillGetDifferentNames() {
        assertThat(BackendNames.safe("A/b")).isNotEqualTo(BackendNames.safe("a:b"));
    }
}
