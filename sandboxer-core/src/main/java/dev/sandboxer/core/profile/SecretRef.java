package dev.sandboxer.core.profile;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret comes from; never the secret itself. Prints as the reference ({@code env:MY_TOKEN}),
 * which is safe to log. {@link SecretResolver} turns it into a value at the provision boundary only.
 */
public sealed interface SecretRef permits SecretRef.EnvRef, SecretRef.FileRef {
    Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The reference as a profile writes it. */
    String reference();

    /** An environment variable of the control plane's process. */
    record EnvRef(String name) implements SecretRef {
        public EnvRef {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(Quote.of(name) + " is not an environment variable name");
            }
        }

        @Override
        public String reference() {
            return "env:" + name;
        }

        @Override
        public String toString() {
            return reference();
        }
    }

    /** A file readable by the control plane; one trailing newline is dropped. */
    record FileRef(Path path) implements SecretRef {
        public FileRef {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String reference() {
            return "file:" + path;
        }

        @Override
        public String toString() {
            return reference();
        }
    }

    /** {@code env:NAME} or {@code file:PATH}; empty for anything else. */
    public static Optional<SecretRef> parse(String text) {
        if (text.startsWith("env:") && ENV_NAME.matcher(text.substring(4)).matches()) {
            return Optional.of(new EnvRef(text.substring(4)));
        }
        if (text.startsWith("file:") && text.length() > 5) {
            try {
                return Optional.of(new FileRef(Path.of(text.substring(5))));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
