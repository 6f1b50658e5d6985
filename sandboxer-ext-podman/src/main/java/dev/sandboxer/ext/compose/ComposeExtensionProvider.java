package dev.sandboxer.ext.compose;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionProvider;

/** Registers {@link ComposeExtension} under the id {@code compose}. */
public final class ComposeExtensionProvider implements ExtensionProvider {
    @Override
    public String id() {
        return ComposeExtension.ID;
    }

    @Override
    public Extension create(ExtensionContext context) {
        return new ComposeExtension(context);
    }
}
