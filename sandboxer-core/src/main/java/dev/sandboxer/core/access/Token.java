package dev.sandboxer.core.access;

import dev.sandboxer.core.model.Consumer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An API token as it may be shown and listed: never its secret.
 *
 * @param projects the projects it acts for; empty for {@code adm} tokens, which cover every project
 */
public record Token(String id, Consumer consumer, Set<String> projects, Instant createdAt,
                    Optional<Instant> revokedAt) {
    public Token {
        projects = Set.copyOf(projects);
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
