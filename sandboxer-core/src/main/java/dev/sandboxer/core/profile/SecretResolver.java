package dev.sandboxer.core.profile;

import dev.sandboxer.spi.Secret;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns {@link SecretRef}s into {@link Secret}s. The engine calls this at the provision boundary only,
 * and hands the result straight to the extension: resolved values are never stored, logged or put in
 * an event, and every failure message names the reference, never a value.
 */
public final class SecretResolver {
    /** Secrets are tokens and keys; a bigger file is almost surely the wrong path (or /dev/zero). */
    static final long MAX_FILE_BYTES = 1 << 20;

    private final Function<String, String> environment;

    /** @param environment how env: references are read; {@code System::getenv} outside tests */
    public SecretResolver(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static SecretResolver fromSystemEnvironment() {
        return new SecretResolver(System::getenv);
    }

    /** For references kept as text ({@code env:NAME}, {@code file:PATH}), e.g. in a stored plan. */
    public Secret resolve(String reference) {
        // Not echoed when malformed: text that is not a reference may be a secret pasted by mistake.
        return resolve(SecretRef.parse(reference).orElseThrow(() -> new SecretException("(malformed)",
                "a secret reference is malformed; use env:NAME or file:PATH")));
    }

    public Secret resolve(SecretRef ref) {
        String value = switch (ref) {
            case SecretRef.EnvRef env -> fromEnvironment(env);
            case SecretRef.FileRef file -> fromFile(file);
        };
        if (value.isEmpty()) {
            throw new SecretException(ref.reference(), ref.reference() + " is empty; an empty secret is almost"
                    + " always a mistake, so it is refused");
        }
        return new Secret(value);
    }

    /**
     * Resolves all of a profile's secrets, or fails naming every reference that could not be read.
     *
     * @param refs environment variable name in the sandbox → reference
     */
    public Map<String, Secret> resolveAll(Map<String, SecretRef> refs) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<SecretException> failures = new ArrayList<>();
        refs.forEach((name, ref) -> {
            try {
                secrets.put(name, resolve(ref));
            } catch (SecretException e) {
                failures.add(new SecretException(e.reference(), "secret " + name + ": " + e.getMessage()));
            }
        });
        if (!failures.isEmpty()) {
            SecretException first = failures.getFirst();
            int more = failures.size() - 1;
            throw new SecretException(first.reference(), first.getMessage()
                    + (more == 0 ? "" : " (and " + more + " more unresolved secret" + (more == 1 ? "" : "s") + ")"));
        }
        return secrets;
    }

    private String fromEnvironment(SecretRef.EnvRef ref) {
        String value = environment.apply(ref.name());
        if (value == null) {
            throw new SecretException(ref.reference(), ref.reference() + " is not set; export " + ref.name()
                    + " in the environment of the sand-boxer process");
        }
        return value;
    }

    private static String fromFile(SecretRef.FileRef ref) {
        try {
            if (!Files.isRegularFile(ref.path())) {
                throw new NoSuchFileException(ref.path().toString());
            }
            if (Files.size(ref.path()) > MAX_FILE_BYTES) {
                throw new SecretException(ref.reference(), ref.reference() + " is larger than 1 MiB; point it at"
                        + " the file that holds just the secret");
            }
            return withoutTrailingNewline(Files.readString(ref.path(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new SecretException(ref.reference(), ref.reference() + " cannot be read: no such regular file");
        } catch (AccessDeniedException e) {
            throw new SecretException(ref.reference(), ref.reference() + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new SecretException(ref.reference(), ref.reference() + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception's own message is left out: some carry file content or other detail.
            throw new SecretException(ref.reference(), ref.reference() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Editors end files with a newline that is not part of the secret; only one is dropped. */
    private static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
