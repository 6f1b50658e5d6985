package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Secrets as a podman {@code --env-file}: the way to hand them to podman without putting them on a command
 * line (where {@code ps} would show them). podman takes everything after the first {@code =} verbatim, so
 * only a newline cannot be carried.
 */
public final class EnvFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvFile() {
    }

    public static byte[] render(Map<String, Secret> secrets) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Secret> entry : new TreeMap<>(secrets).entrySet()) {
            requireName(entry.getKey());
            String value = entry.getValue().reveal();
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                // Name only: the value must never reach a message.
                throw new ExtensionException.ProvisionFailed("secret " + entry.getKey()
                        + " contains a line break, which an env file cannot carry", "", null);
            }
            text.append(entry.getKey()).append('=').append(value).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code --env NAME} without a value would copy the variable from podman's own environment. */
    public static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ExtensionException.ProvisionFailed("environment variable name '" + name
                    + "' is not a valid name ([A-Za-z_][A-Za-z0-9_]*)", "", null);
        }
    }
}
