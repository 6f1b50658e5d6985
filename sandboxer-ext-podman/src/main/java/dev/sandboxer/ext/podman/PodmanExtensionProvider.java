package dev.sandboxer.ext.podman;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionProvider;

/** Registers {@link PodmanExtension} under the id {@code podman}. */
public final class PodmanExtensionProvider implements ExtensionProvider {
    @Override
    public String id() {
        return PodmanExtension.ID;
    }

    @Override
    public Extension create(ExtensionContext context) {
        return new PodmanExtension(context);
    }
}
