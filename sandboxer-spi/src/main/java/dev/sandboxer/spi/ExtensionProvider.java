package dev.sandboxer.spi;

/**
 * Entry point of an extension, registered in {@code META-INF/services/dev.sandboxer.spi.ExtensionProvider}.
 * The engine instantiates each provider once and asks it for a configured {@link Extension}.
 */
public interface ExtensionProvider {

    /** Stable extension id, e.g. {@code podman}; used in profiles and routing. */
    String id();

    /** Builds the extension for this control plane installation. Must not touch the backend yet. */
    Extension create(ExtensionContext context);
}
