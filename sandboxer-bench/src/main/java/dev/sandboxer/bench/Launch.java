package dev.sandboxer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code bin/sandboxer} starts the CLI, for the CLI-start figure: the script itself, and the same java
 * command without the script (its flags, classpath and class-data archive), to which a probe class can be
 * appended. The flags are copied from bin/sandboxer; if they change there, change them here.
 */
record Launch(Path repo, Path home) {
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED");

    Path script() {
        return repo.resolve("bin/sandboxer");
    }

    Map<String, String> env() {
        return Map.of("SANDBOXER_HOME", home.toString());
    }

    Path target() {
        return repo.resolve("sandboxer-cli/target");
    }

    /**
     * java with the launcher's flags and archive; the bench classes go after the CLI's classpath, which keeps
     * the archive usable (it needs its own classpath as a prefix).
     */
    List<String> direct(List<String> extraFlags, String mainClass, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(FLAGS);
        Path archive = target().resolve("sandboxer-java" + Runtime.version().feature() + ".jsa");
        if (Files.isReadable(archive)) {
            argv.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable"));
        }
        argv.addAll(extraFlags);
        String benchClasses = Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        argv.addAll(List.of("-cp", target().resolve("sandboxer-cli.jar") + ":" + target().resolve("lib") + "/*:"
                + benchClasses, mainClass));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Insists the CLI answered with its table: exit 0 and a header line plus rows. */
    Proc check(Proc ran) {
        if (ran.exitCode() != 0 || ran.stdout().lines().count() < 2) {
            throw new IllegalStateException("sandboxer list failed (exit " + ran.exitCode() + "): " + ran.stderr());
        }
        return ran;
    }
}
