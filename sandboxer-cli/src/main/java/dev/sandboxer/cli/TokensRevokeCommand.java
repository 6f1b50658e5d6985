package dev.sandboxer.cli;

import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes an API token: from now on it authenticates nothing. Revoking twice is fine.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer tokens revoke tk-abcdefghij"})
final class TokensRevokeCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (not its secret).")
    String id;

    @Override
    public Integer call() {
        Token token;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            token = sandboxes.revokeToken(id);
        }
        if (global().json()) {
            printJson(token);
        } else {
            out().println("revoked " + token.id() + " (" + token.consumer() + ")");
        }
        return 0;
    }
}
