package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Secret;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How secrets reach a container without ever being written to disk or put on a command line: their values go
 * only into the environment of the one podman (or podman-compose) process that creates the container, and the
 * command line names them, {@code --env NAME} (compose: {@code environment: {NAME: null}}, which podman-compose
 * 1.0.3 turns into {@code -e NAME}). podman copies the value of a name given without {@code =} from its own
 * environment. A process's environment is readable only by its own user and root ({@code /proc/PID/environ} is
 * mode 0400) and dies with it, so a kill mid-create leaves nothing behind.
 *
 * <p>The same variables are then also in podman's own environment, so a name that steers podman, its helpers
 * or podman-compose on the host ({@code LD_PRELOAD}, {@code PATH}, {@code PYTHONPATH}, {@code CONTAINERS_CONF},
 * ...) is refused: its value would change what runs on the host, not only what the container sees.
 */
public final class SecretEnv {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Names read by podman, conmon, the OCI runtime, netavark/CNI, podman-compose (Python) or the shell. */
    static final Set<String> HOST_NAMES = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "OLDPWD",
            "IFS", "ENV", "BASH_ENV", "CDPATH", "TMPDIR", "TMP", "TEMP", "LANG", "LANGUAGE", "TZ", "NOTIFY_SOCKET",
            "SSH_AUTH_SOCK", "REGISTRY_AUTH_FILE", "STORAGE_DRIVER", "STORAGE_OPTS", "DOCKER_CONFIG", "DOCKER_HOST",
            "SSL_CERT_FILE", "SSL_CERT_DIR", "GODEBUG", "GOGC", "GOMAXPROCS", "GOMEMLIMIT", "GOTRACEBACK",
            "RUST_LOG", "RUST_BACKTRACE", "CONTAINER_HOST", "CONTAINER_CONNECTION", "CONTAINER_SSHKEY",
            "CONTAINER_PASSPHRASE", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY", "NO_PROXY");
    static final List<String> HOST_PREFIXES = List.of("LD_", "LC_", "XDG_", "DBUS_", "CONTAINERS_",
            "_CONTAINERS_", "PODMAN_", "BUILDAH_", "CNI_", "NETAVARK_", "COMPOSE_", "PYTHON");

    private SecretEnv() {
    }

    /**
     * Refuses, before anything is made, a secret that cannot be delivered this way. Messages name the
     * variable, never its value.
     */
    public static void check(Map<String, Secret> secrets) {
        for (Map.Entry<String, Secret> entry : new TreeMap<>(secrets).entrySet()) {
            String name = entry.getKey();
            requireName(name);
            if (steersTheHost(name)) {
                throw new ExtensionException.ProvisionFailed("secret " + name + " cannot be delivered: secrets "
                        + "reach the container through podman's own environment on the host, where " + name
                        + " would change how podman runs; give it another name", "", null);
            }
            if (entry.getValue().reveal().indexOf('\0') >= 0) {
                throw new ExtensionException.ProvisionFailed("secret " + name
                        + " contains a NUL character, which no environment variable can carry", "", null);
            }
        }
    }

    /** The environment for the creating process: name to value. Hand it only to a {@code Command}'s env. */
    public static Map<String, String> of(Map<String, Secret> secrets) {
        check(secrets);
        Map<String, String> env = new TreeMap<>();
        secrets.forEach((name, secret) -> env.put(name, secret.reveal()));
        return env;
    }

    /** {@code --env NAME} without a value would copy the variable from podman's own environment. */
    public static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ExtensionException.ProvisionFailed("environment variable name '" + name
                    + "' is not a valid name ([A-Za-z_][A-Za-z0-9_]*)", "", null);
        }
    }

    static boolean steersTheHost(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return HOST_NAMES.contains(upper) || HOST_PREFIXES.stream().anyMatch(upper::startsWith);
    }
}
