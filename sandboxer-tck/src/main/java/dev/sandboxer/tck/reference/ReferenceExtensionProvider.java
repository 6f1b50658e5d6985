package dev.sandboxer.tck.reference;

import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionProvider;

/** Registers the in-memory reference extension with ServiceLoader. */
public final class ReferenceExtensionProvider implements ExtensionProvider {
    @Override
    public String id() {
        return ReferenceExtension.ID;
    }

    @Override
    public Extension create(ExtensionContext context) {
        return new ReferenceExtension(context.clock());
    }
}
