package dev.sandboxer.core.access;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;

/**
 * Who a request acts as, from its token: the consumer every sandbox and operation is attributed to, and the
 * projects it may see.
 */
public record Principal(String tokenId, Consumer consumer, Scope scope) {

    public boolean operator() {
        return consumer.kind() == Consumer.Kind.ADM;
    }
}
