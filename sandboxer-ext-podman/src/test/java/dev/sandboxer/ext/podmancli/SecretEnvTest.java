package dev.sandboxer.ext.podmancli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretEnvTest {

    @Test
    void ordinarySecretNamesPassEvenWhenTheyShareAWordWithAReservedOne() {
        for (String name : List.of("API_TOKEN", "GOOGLE_API_KEY", "STORAGE_ACCOUNT_KEY", "CONTAINER_REGISTRY_PASSWORD",
                "SSH_PRIVATE_KEY", "DOCKER_PASSWORD", "PATHFINDER_KEY", "HOMEBREW_TOKEN", "_private")) {
            assertThat(SecretEnv.steersTheHost(name)).as(name).isFalse();
        }
    }

    @Test
    void namesThatPodmanPodmanComposeOrTheLoaderReadOnTheHostAreRefused() {
        for (String name : List.of("LD_PRELOAD", "LD_LIBRARY_PATH", "PATH", "Path", "HOME", "TMPDIR",
                "XDG_RUNTIME_DIR", "CONTAINERS_CONF", "_CONTAINERS_USERNS_CONFIGURED", "CONTAINER_HOST",
                "PODMAN_USERNS", "PYTHONPATH", "PYTHONHOME", "COMPOSE_FILE", "http_proxy", "HTTPS_PROXY",
                "REGISTRY_AUTH_FILE", "LC_ALL", "DBUS_SESSION_BUS_ADDRESS", "NOTIFY_SOCKET")) {
            assertThat(SecretEnv.steersTheHost(name)).as(name).isTrue();
            assertThatThrownBy(() -> SecretEnv.of(Map.of(name, new Secret("value-never-shown"))))
                    .isInstanceOf(ExtensionException.ProvisionFailed.class)
                    .hasMessageStartingWith("secret " + name + " cannot be delivered")
                    .hasMessageNotContaining("value-never-shown");
        }
    }

    @Test
    void valuesGoOnlyIntoTheMapForTheProcessEnvironmentVerbatim() {
        Map<String, String> env = SecretEnv.of(Map.of("B", new Secret("two\nlines = $HOME"), "A", new Secret("")));

        assertThat(env).containsExactly(Map.entry("A", ""), Map.entry("B", "two\nlines = $HOME"));
        assertThatThrownBy(() -> SecretEnv.of(Map.of("BAD-NAME", new Secret("x"))))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessageContaining("'BAD-NAME' is not a valid name");
    }
}
