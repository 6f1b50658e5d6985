package dev.sandboxer.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extensions come from the classpath and from plugin jars; a broken jar hides nothing else. */
class ExtensionRegistryTest {
    @TempDir
    Path dir;

    private static final String PROVIDER = """
            package demo;
            import dev.sandboxer.spi.*;
            import java.util.*;
            public final class DemoProvider implements ExtensionProvider {
                public String id() { return "demo"; }
                public Extension create(ExtensionContext context) {
                    return new Extension() {
                        public ExtensionDescriptor descriptor() {
                            return new ExtensionDescriptor("demo", "9.9.9", ExtensionDescriptor.Kind.SAAS,
                                    Set.of(Capability.EXEC), "a plugin compiled by the test");
                        }
                        public Provisioned create(ProvisionRequest r, Progress p) { throw new IllegalStateException(); }
                        public Observation observe(BackendRef ref) { return Observation.gone(); }
                        public void destroy(BackendRef ref) { }
                        public List<OwnedResource> listOwned(Owner owner) { return List.of(); }
                    };
                }
            }
            """;

    private ExtensionRegistry discover(Path plugins) {
        return ExtensionRegistry.discover(Optional.of(plugins), id -> new ExtensionContext(new Owner("test"),
                new LocalTransport(), dir.resolve("work"), Map.of(), Clock.systemUTC()));
    }

    @Test
    void aPluginJarInThePluginsDirectoryIsFound() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("demo.jar"), compile(), "demo.DemoProvider");
        try (ExtensionRegistry registry = discover(plugins)) {
            assertThat(registry.find("demo")).hasValueSatisfying(e ->
                    assertThat(e.descriptor().version()).isEqualTo("9.9.9"));
            assertThat(registry.problems()).isEmpty();
        }
    }

    @Test
    void aBrokenPluginIsReportedAndHidesNoOtherExtension() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("a-broken.jar"), null, "nowhere.MissingProvider");
        jar(plugins.resolve("demo.jar"), compile(), "demo.DemoProvider");
        try (ExtensionRegistry registry = discover(plugins)) {
            assertThat(registry.find("demo")).isPresent();
            assertThat(registry.problems()).singleElement().asString().contains("nowhere.MissingProvider");
        }
    }

    @Test
    void classpathExtensionsAreFoundWithoutAPluginsDirectory() {
        try (ExtensionRegistry registry = discover(dir.resolve("no-such-dir"))) {
            assertThat(registry.find("reference")).as("the TCK's reference extension on the test classpath")
                    .isPresent();
        }
    }

    private Path compile() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo")).resolve("DemoProvider.java");
        Files.writeString(src, PROVIDER);
        Path out = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertThat(rc).as("compiling the plugin").isZero();
        return out.resolve("demo");
    }

    private static void jar(Path jar, Path classesOfDemo, String provider) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.sandboxer.spi.ExtensionProvider"));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            if (classesOfDemo != null) {
                try (var files = Files.list(classesOfDemo)) {
                    for (Path c : files.toList()) {
                        out.putNextEntry(new JarEntry("demo/" + c.getFileName()));
                        Files.copy(c, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
