package dev.sandboxer.cli;

import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.engine.Scope;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists API tokens, revoked ones included; never their secrets.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer tokens list", "  sandboxer tokens list -o json"})
final class TokensListCommand extends Subcommand {

    @Override
    public Integer call() {
        List<Token> tokens;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            tokens = sandboxes.tokens();
        }
        if (global().json()) {
            printJson(tokens);
            return 0;
        }
        RelativeTime relative = relative();
        Table table = new Table("ID", "CONSUMER", "PROJECTS", "CREATED", "REVOKED");
        for (Token t : tokens) {
            table.row(t.id(), t.consumer().toString(), projects(t), relative.of(t.createdAt()),
                    t.revokedAt().map(relative::of).orElse("-"));
        }
        table.print(out());
        return 0;
    }

    /** An operator's token covers every project; say so rather than show an empty list. */
    static String projects(Token token) {
        return token.projects().isEmpty() ? "(all)" : String.join(",", new TreeSet<>(token.projects()));
    }
}
