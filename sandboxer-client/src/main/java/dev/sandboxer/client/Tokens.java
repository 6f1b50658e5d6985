package dev.sandboxer.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.model.Consumer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** API tokens on the server (operators only): each bound to a consumer and its projects. */
public final class Tokens {
    private static final String PATH = "v1/tokens";

    private final Exchange exchange;

    Tokens(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * Makes a token. {@code agt}/{@code atm} tokens need at least one project; {@code adm} tokens cover every
     * project and take none.
     *
     * @return the token and its secret: shown this once, stored only as a hash
     */
    public IssuedToken create(Consumer consumer, Set<String> projects) {
        JsonNode answer = exchange.call("POST", PATH, Query.of(), Map.of("consumer", consumer.toString(),
                "projects", new TreeSet<>(projects)), new TypeReference<JsonNode>() { });
        // The contract's flat {"id", ..., "token": secret}; also the nested {"token": {...}, "secret"} form.
        JsonNode token = answer.path("token");
        if (token.isObject()) {
            return new IssuedToken(exchange.json().convertValue(token, Token.class), answer.path("secret").asText());
        }
        return new IssuedToken(exchange.json().convertValue(answer, Token.class), token.asText());
    }

    /** Every token, revoked ones included; never their secrets. */
    public List<Token> list() {
        return exchange.get(PATH, Query.of(), new TypeReference<>() { });
    }

    /** Revokes it: from now on it authenticates nothing. Revoking twice is fine. */
    public Token revoke(String id) {
        return exchange.call("DELETE", PATH + "/" + Query.segment(id), Query.of(), null, new TypeReference<>() { });
    }
}
