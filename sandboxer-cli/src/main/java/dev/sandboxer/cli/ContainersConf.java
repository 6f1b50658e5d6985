package dev.sandboxer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of containers.conf (TOML) to read {@code [containers] default_ulimits}, which podman does not
 * report in {@code podman info}. A full TOML parser would be a dependency for one key.
 */
final class ContainersConf {
    static final String SYSTEM_FILE = "/etc/containers/containers.conf";
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)]\\s*(#.*)?$");
    private static final Pattern ULIMITS = Pattern.compile("^\\s*default_ulimits\\s*=\\s*(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");

    private ContainersConf() {
    }

    /** Podman reads {@code $CONTAINERS_CONF} instead of the system file when it is set. */
    static String file(Map<String, String> env) {
        String explicit = env.get("CONTAINERS_CONF");
        return explicit == null || explicit.isBlank() ? SYSTEM_FILE : explicit;
    }

    /** The entries of {@code default_ulimits} in the {@code [containers]} table; empty when not set there. */
    static Optional<List<String>> defaultUlimits(String text) {
        String section = "";
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = SECTION.matcher(lines.get(i));
            if (header.matches()) {
                section = header.group(1).strip();
                continue;
            }
            Matcher key = ULIMITS.matcher(lines.get(i));
            if (section.equals("containers") && key.matches()) {
                // A TOML array may span lines; read on until it closes.
                StringBuilder array = new StringBuilder(withoutComment(key.group(1)));
                while (!array.toString().contains("]") && i + 1 < lines.size()) {
                    array.append(' ').append(withoutComment(lines.get(++i)));
                }
                List<String> entries = new ArrayList<>();
                Matcher quoted = QUOTED.matcher(array);
                while (quoted.find()) {
                    entries.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
                }
                return Optional.of(entries);
            }
        }
        return Optional.empty();
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
