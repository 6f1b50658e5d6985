package dev.sandboxer.cli;

import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Makes an API token for a consumer and its projects, and prints its secret: the only time "
                + "it is shown.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer tokens create --consumer agt:glas-harness --project p1 --project p2",
            "  sandboxer tokens create --consumer adm:alice",
            "  sandboxer tokens create --consumer atm:ci --project p1 | head -1 > ci.token",
            "The secret is alone on the first line; only its SHA-256 is stored, so it cannot be shown again.",
        })
final class TokensCreateCommand extends Subcommand {

    @Option(names = "--consumer", required = true, paramLabel = "KIND:NAME", converter = Converters.ConsumerText.class,
            description = "Whom it stands for: adm:NAME (every project), agt:NAME or atm:NAME.")
    Consumer owner;

    @Option(names = "--project", paramLabel = "P", converter = Converters.Project.class,
            description = "A project it acts for; repeatable; at least one for agt and atm, none for adm.")
    List<String> projects = new ArrayList<>();

    @Override
    public Integer call() {
        IssuedToken issued;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            issued = sandboxes.createToken(owner, Set.copyOf(projects));
        }
        Token token = issued.token();
        if (global().json()) {
            Map<String, Object> shown = new LinkedHashMap<>(JsonFormat.mapper().convertValue(token,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            shown.put("token", issued.secret());
            printJson(shown);
        } else {
            out().println(issued.secret());
            out().println("  id        " + token.id());
            out().println("  consumer  " + token.consumer());
            out().println("  projects  " + TokensListCommand.projects(token));
            out().println("  note      the secret above is shown only now; keep it in a file for --token-file");
        }
        return 0;
    }
}
