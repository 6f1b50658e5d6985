package dev.sandboxer.cli;

import dev.sandboxer.client.ClientException;
import dev.sandboxer.core.engine.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the version of sand-boxer and of the Java runtime it runs on.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer version", "  sandboxer version -o json"})
final class VersionCommand extends Subcommand {

    @Override
    public Integer call() {
        Optional<String> server = server();
        if (global().json()) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("sandboxer", version());
            versions.put("java", Runtime.version().toString());
            server.ifPresent(v -> versions.put("server", v));
            printJson(versions);
        } else {
            out().println("sandboxer " + version());
            out().println("java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown") + ")");
            server.ifPresent(v -> out().println("server " + v));
        }
        return 0;
    }

    /** The server's version with --server; a server that does not answer does not hide the CLI's own. */
    private Optional<String> server() {
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            return sandboxes.serverVersion();
        } catch (ClientException e) {
            return Optional.of("(" + e.getMessage() + ")");
        }
    }

    /** The project version, written into version.properties when the jar is built. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code sandboxer --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sandboxer " + version()};
        }
    }
}
