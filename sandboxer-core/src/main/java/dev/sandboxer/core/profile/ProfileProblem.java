package dev.sandboxer.core.profile;

import java.util.Objects;

/**
 * One thing wrong with a profile file, pointing at where it is and saying how to fix it.
 *
 * @param file    the file as the user knows it: a path, or {@code builtin:NAME.yaml}
 * @param line    1-based
 * @param column  1-based
 * @param path    the field, e.g. {@code ttl.default} or {@code setup.files[0].mode}; empty for the whole file
 * @param message what is wrong and how to fix it; always one line
 */
public record ProfileProblem(String file, int line, int column, String path, String message) {

    public ProfileProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        // Problems are printed one per line, so a message that spans lines would break that contract.
        message = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** {@code bad.yaml:7:12: ttl.default: '10 minutes' is not a duration; use e.g. 30s, 10m, 2h}. */
    public String render() {
        String where = file + ":" + line + ":" + column + ": ";
        return path.isEmpty() ? where + message : where + path + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
