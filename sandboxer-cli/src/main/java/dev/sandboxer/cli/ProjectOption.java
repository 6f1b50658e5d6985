package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --project P}: where a new sandbox goes, and which sandboxes a non-operator consumer may touch. */
public final class ProjectOption {

    static final String DEFAULT = "default";

    @Option(names = "--project", paramLabel = "P", converter = Converters.Project.class,
            description = "Project to act for (default: " + DEFAULT + "; with a server, the token's only project).")
    String project;

    String project() {
        return project == null ? DEFAULT : project;
    }

    /** Whether --project was given (a server picks the project of a single-project token otherwise). */
    boolean given() {
        return project != null;
    }

    /** Operators see every project; agents and automation only the project they act for. */
    Scope scopeFor(Consumer consumer) {
        return consumer.kind() == Consumer.Kind.ADM ? Scope.ALL : new Scope(Set.of(project()));
    }
}
