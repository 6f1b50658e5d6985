package dev.sandboxer.cli;

import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes. Declared once on the root with inherited scope, so they may be written before
 * or after the command name and their values land in this one object.
 */
public final class GlobalOptions {

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = {"Data directory. Default: $SANDBOXER_HOME,", "else $XDG_DATA_HOME/sandboxer,",
                "else $HOME/.local/share/sandboxer."})
    Path home;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean debug;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            converter = Converters.Output.class, description = "table (default) or json.")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = "--as", paramLabel = "KIND:NAME", scope = ScopeType.INHERIT,
            converter = Converters.ConsumerText.class,
            description = {"Who acts: adm:NAME, agt:NAME or atm:NAME (default: adm:$USER).",
                "Embedded only: with a server, the token says who you are."})
    Consumer as;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = {"Use the sand-boxer server at URL (e.g. http://127.0.0.1:7780) instead of the",
                "embedded engine. Default: $SANDBOXER_SERVER; without either, embedded.",
                "The token comes from $SANDBOXER_TOKEN or a file (--token-file, $SANDBOXER_TOKEN_FILE)."})
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "With a server: read the API token from FILE (default: $SANDBOXER_TOKEN).")
    Path tokenFile;

    SandboxerHome home(Map<String, String> env) {
        return home != null ? new SandboxerHome(home.toAbsolutePath()) : SandboxerHome.fromEnvironment(env);
    }

    boolean debug() {
        return debug;
    }

    boolean json() {
        return output == OutputFormat.JSON;
    }

    /** The acting consumer; an operator named after the login user unless --as says otherwise. */
    Consumer consumer(Map<String, String> env) {
        if (as != null) {
            return as;
        }
        String user = Optional.ofNullable(env.get("USER")).filter(u -> !u.isBlank()).orElse("local");
        try {
            return new Consumer(Consumer.Kind.ADM, user);
        } catch (IllegalArgumentException unusualLoginName) {
            return new Consumer(Consumer.Kind.ADM, "local");
        }
    }
}
