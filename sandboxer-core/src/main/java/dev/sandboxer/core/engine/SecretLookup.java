package dev.sandboxer.core.engine;

import dev.sandboxer.spi.Secret;

/**
 * Turns a secret reference ({@code env:NAME}, {@code file:PATH}) into its value, at the provision boundary
 * only. Failures must name the reference, never a value.
 */
@FunctionalInterface
public interface SecretLookup {
    Secret resolve(String reference);
}
