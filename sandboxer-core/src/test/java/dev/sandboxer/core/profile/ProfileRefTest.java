package dev.sandboxer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileRefTest {

    @Test
    void idAloneMeansTheLatestVersion() {
        assertThat(ProfileRef.parse("compose-e2e")).isEqualTo(new ProfileRef("compose-e2e", Optional.empty()));
    }

    @Test
    void idAtVersionPinsIt() {
        ProfileRef ref = ProfileRef.parse("compose-e2e@2");

        assertThat(ref).isEqualTo(ProfileRef.of("compose-e2e", 2));
        assertThat(ref).hasToString("compose-e2e@2");
    }

    @Test
    void malformedReferencesSayHowToWriteOne() {
        assertThatThrownBy(() -> ProfileRef.parse("compose-e2e@")).hasMessage(
                "'compose-e2e@' is not a profile reference; use ID or ID@VERSION, e.g. compose-e2e or compose-e2e@1");
        assertThatThrownBy(() -> ProfileRef.parse("x@0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfileRef.parse("Compose")).hasMessageStartingWith("'Compose' is not a profile id");
    }
}
