package dev.sandboxer.core.profile;

import dev.sandboxer.spi.SetupFile;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A text file placed in the sandbox before its workload starts.
 *
 * @param path    absolute path inside the sandbox
 * @param content UTF-8 text
 * @param mode    POSIX permission bits, written in octal in profiles ({@code "0644"})
 */
public record FileSpec(String path, String content, int mode) {
    static final int DEFAULT_MODE = 0644;
    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");

    public FileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be 0 to 0777, not " + Integer.toOctalString(mode));
        }
    }

    public SetupFile toSetupFile() {
        return new SetupFile(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    static Optional<FileSpec> read(Section s) {
        Optional<String> path = s.require("path", "path: /etc/app.conf").flatMap(s::string).filter(p -> {
            // Templates may fill in later parts, but the leading / keeps every rendered path absolute.
            boolean ok = p.startsWith("/");
            if (!ok) {
                s.problems().at(s.get("path").orElseThrow(), Quote.of(p) + " is not an absolute path; start it with /");
            }
            return ok;
        });
        Optional<String> content = s.require("content", "content: \"hello\\n\"").flatMap(s::scalarText);
        int mode = s.get("mode").flatMap(s::scalarText).map(text -> {
            if (OCTAL_MODE.matcher(text).matches()) {
                return Integer.parseInt(text, 8);
            }
            s.problems().at(s.get("mode").orElseThrow(), Quote.of(text) + " is not a file mode; write octal in quotes,"
                    + " e.g. \"0644\" or \"0755\"");
            return DEFAULT_MODE;
        }).orElse(DEFAULT_MODE);
        if (path.isEmpty() || content.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileSpec(path.get(), content.get(), mode));
    }

    @Override
    public String toString() {
        return "FileSpec[" + path + ", " + content.length() + " chars, mode " + String.format("%04o", mode) + "]";
    }
}
