package dev.sandboxer.core.extension;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The extensions of this control plane, by id. Providers come from the classpath and from every jar in the
 * plugins directory; the first provider of an id wins and a duplicate is reported, not silently merged.
 */
public final class ExtensionRegistry implements AutoCloseable {
    private final Map<String, Extension> extensions;
    private final List<String> problems;
    private final Map<String, ExtensionProvider> providers = new TreeMap<>();

    private ExtensionRegistry(Map<String, Extension> extensions, List<String> problems) {
        this.extensions = extensions;
        this.problems = new ArrayList<>(problems);
    }

    /** Builds each extension with the context the factory gives for its id. */
    public static ExtensionRegistry discover(Optional<Path> pluginsDir, Function<String, ExtensionContext> contexts) {
        List<String> problems = new ArrayList<>();
        ClassLoader loader = pluginLoader(pluginsDir, problems);
        Map<String, Extension> found = new TreeMap<>();
        Map<String, ExtensionProvider> byId = new TreeMap<>();
        // One broken plugin must not hide the others: each provider is loaded and built on its own.
        var providers = ServiceLoader.load(ExtensionProvider.class, loader).iterator();
        while (true) {
            ExtensionProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a plugin could not be loaded: " + e.getMessage());
                continue;
            }
            if (found.containsKey(provider.id())) {
                problems.add("extension '" + provider.id() + "' is provided twice; using the first, ignoring "
                        + provider.getClass().getName());
                continue;
            }
            byId.put(provider.id(), provider);
            try {
                found.put(provider.id(), provider.create(contexts.apply(provider.id())));
            } catch (RuntimeException | LinkageError e) {
                problems.add("extension '" + provider.id() + "' could not be started: " + e);
            }
        }
        ExtensionRegistry registry = new ExtensionRegistry(found, problems);
        registry.providers.putAll(byId);
        return registry;
    }

    /** A registry of exactly these extensions (tests, embedding). */
    public static ExtensionRegistry of(Collection<Extension> extensions) {
        Map<String, Extension> map = new TreeMap<>();
        extensions.forEach(e -> map.put(e.descriptor().id(), e));
        return new ExtensionRegistry(map, List.of());
    }

    private static ClassLoader pluginLoader(Optional<Path> pluginsDir, List<String> problems) {
        ClassLoader parent = ExtensionRegistry.class.getClassLoader();
        if (pluginsDir.isEmpty() || !Files.isDirectory(pluginsDir.get())) {
            return parent;
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(pluginsDir.get())) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            problems.add("cannot read plugins directory " + pluginsDir.get() + ": " + e.getMessage());
        }
        return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
    }

    public Optional<Extension> find(String id) {
        return Optional.ofNullable(extensions.get(id));
    }

    /** The provider of an id, to build more instances of it (e.g. one per remote host). */
    public Optional<ExtensionProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Adds an extension built outside discovery (hosted ones); an id already taken is reported, not replaced. */
    public synchronized void register(Extension extension) {
        String id = extension.descriptor().id();
        if (extensions.containsKey(id)) {
            problems.add("extension '" + id + "' is provided twice; using the first");
            return;
        }
        extensions.put(id, extension);
    }

    public Collection<Extension> all() {
        return extensions.values();
    }

    /**
     * Checks an extension's section of a profile with the extension itself; an extension that is not
     * installed has nothing to say here (routing reports it).
     */
    public List<String> validateSpec(String extensionId, Map<String, Object> spec) {
        return find(extensionId).map(e -> e.validateSpec(spec)).orElse(List.of());
    }

    /** Problems met while loading (duplicate ids, broken plugin jars); shown by {@code extensions list}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        extensions.values().forEach(Extension::close);
    }
}
