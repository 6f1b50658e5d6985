package dev.sandboxer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the version of sand-boxer and of the Java runtime it runs on.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer version", "  sandboxer version -o json"})
final class VersionCommand extends Subcommand {

    @Override
    public Integer call() {
        if (global().json()) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("sandboxer", version());
            versions.put("java", Runtime.version().toString());
            printJson(versions);
        } else {
            out().println("sandboxer " + version());
            out().println("java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown") + ")");
        }
        return 0;
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
