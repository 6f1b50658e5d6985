package dev.sandboxer.core.routing;

import dev.sandboxer.spi.Extension;

/** The chosen extension and a sentence saying why, stored with the sandbox. */
public record RoutingDecision(Extension extension, String reason) {
}
