package dev.sandboxer.cli;

import dev.sandboxer.client.ClientException;
import dev.sandboxer.core.error.SandboxerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The server a remote CLI talks to and the token it shows; none means the CLI runs embedded (the default).
 * The URL comes from {@code --server}, else {@code SANDBOXER_SERVER}; the token from {@code --token-file},
 * else {@code SANDBOXER_TOKEN}, else the file named by {@code SANDBOXER_TOKEN_FILE}. A token is never taken
 * from the command line itself, where other users of the machine could read it.
 */
record ServerTarget(String url, String token) {
    static final String SERVER = "SANDBOXER_SERVER";
    static final String TOKEN = "SANDBOXER_TOKEN";
    static final String TOKEN_FILE = "SANDBOXER_TOKEN_FILE";

    static Optional<ServerTarget> resolve(GlobalOptions global, Map<String, String> env) {
        Optional<String> url = Optional.ofNullable(global.server).or(() -> nonBlank(env.get(SERVER)));
        if (url.isEmpty()) {
            if (global.tokenFile != null) {
                throw new SandboxerException.Invalid("usage", "--token-file needs a server to show it to",
                        "add --server URL or set " + SERVER);
            }
            return Optional.empty();
        }
        if (global.as != null) {
            throw new SandboxerException.Invalid("usage", "--as does not apply with a server: the token says "
                    + "who you are", "leave out --as, or use a token made for that consumer (sandboxer tokens create)");
        }
        return Optional.of(new ServerTarget(url.get(), token(global, env, url.get())));
    }

    private static String token(GlobalOptions global, Map<String, String> env, String url) {
        if (global.tokenFile != null) {
            return read(global.tokenFile, "--token-file");
        }
        Optional<String> direct = nonBlank(env.get(TOKEN));
        if (direct.isPresent()) {
            return direct.get();
        }
        return nonBlank(env.get(TOKEN_FILE)).map(file -> read(Path.of(file), TOKEN_FILE)).orElseThrow(() ->
                new ClientException.AccessDenied(401, "unauthenticated", "no token to show the server at " + url,
                        "set " + TOKEN + ", or name a file holding it with --token-file or " + TOKEN_FILE));
    }

    private static String read(Path file, String from) {
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new SandboxerException.Invalid("usage", from + " " + file + " is empty",
                        "put the token made by 'sandboxer tokens create' in it");
            }
            return token;
        } catch (IOException e) {
            throw new SandboxerException.Invalid("usage", from + " " + file + " cannot be read: " + e.getMessage(),
                    "check the path and its permissions");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
