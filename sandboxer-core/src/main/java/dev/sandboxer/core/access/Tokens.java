package dev.sandboxer.core.access;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.core.store.StoreSession.TokenRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Issues, lists, revokes and checks API tokens. A token's secret is {@code sbx_} and 32 random bytes in
 * base64url; the store keeps only its SHA-256, so the secret is shown once, when it is made, and never again.
 * Looking a secret up by its hash needs no constant-time comparison: the hash of a guess reveals nothing
 * about the hashes stored.
 */
public final class Tokens {
    static final String PREFIX = "sbx_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("sbx_[A-Za-z0-9_-]{43}");
    /** Anything that could be a token's secret (or most of one), wherever it appears in a text. */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile("sbx_[A-Za-z0-9_-]{16,}");
    /** What {@link #redact} puts where a secret was. */
    public static final String REDACTED = "sbx_<redacted>";
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Store store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * The text with every token secret in it replaced: for error messages and logs that may quote what a
     * user typed (a secret pasted where a token id belongs, or given to a flag that does not exist).
     */
    public static String redact(String text) {
        return text == null ? null : SECRET_IN_TEXT.matcher(text).replaceAll(REDACTED);
    }

    public Tokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Makes a token for a consumer. {@code agt} and {@code atm} tokens act for the projects given (at least
     * one); {@code adm} tokens act for every project, so naming projects for one is refused rather than
     * silently ignored.
     *
     * @return the token and its secret, which is not stored and cannot be shown again
     */
    public IssuedToken create(Consumer consumer, Set<String> projects) {
        Set<String> checked = checkProjects(consumer, projects);
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Token token = new Token(newId(), consumer, checked, clock.instant(), Optional.empty());
        store.write(s -> {
            s.insertToken(new TokenRow(token.id(), hash(secret), consumer, checked, token.createdAt(),
                    Optional.empty()));
            return null;
        });
        return new IssuedToken(token, secret);
    }

    private static Set<String> checkProjects(Consumer consumer, Set<String> projects) {
        if (consumer.kind() == Consumer.Kind.ADM) {
            if (!projects.isEmpty()) {
                throw new SandboxerException.Invalid("invalid-projects", "adm tokens act for every project; "
                        + "projects " + new TreeSet<>(projects) + " would be ignored",
                        "leave out --project for an adm token, or make an agt/atm token for those projects");
            }
            return Set.of();
        }
        if (projects.isEmpty()) {
            throw new SandboxerException.Invalid("invalid-projects", consumer.kind().id() + " token for "
                    + consumer + " names no project", "give at least one --project");
        }
        for (String project : projects) {
            try {
                ProjectId.require(project);
            } catch (IllegalArgumentException e) {
                throw new SandboxerException.Invalid("invalid-projects", e.getMessage(), "");
            }
        }
        return Set.copyOf(projects);
    }

    /** Every token, revoked ones included, oldest first; secrets are not known here to be shown. */
    public List<Token> list() {
        return store.read(s -> s.tokens()).stream().map(Tokens::token).toList();
    }

    public Optional<Token> find(String id) {
        return store.read(s -> s.findToken(id)).map(Tokens::token);
    }

    /**
     * Revokes a token: it authenticates nothing from now on. Revoking one already revoked changes nothing.
     *
     * @return the token as it now is, or empty when there is no such token
     */
    public Optional<Token> revoke(String id) {
        return store.write(s -> {
            s.revokeToken(id, clock.instant());
            return s.findToken(id);
        }).map(Tokens::token);
    }

    /**
     * The principal a presented secret stands for; empty when it is malformed, unknown or revoked. Callers
     * should not say which: that would tell a guesser what it found.
     */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !SHAPE.matcher(secret).matches()) {
            return Optional.empty();
        }
        String hash = hash(secret);
        return store.read(s -> s.findTokenByHash(hash))
                .filter(row -> row.revokedAt().isEmpty())
                .map(row -> new Principal(row.id(), row.consumer(),
                        row.consumer().kind() == Consumer.Kind.ADM ? Scope.ALL : new Scope(row.projects())))
                // A non-operator token always names projects; an empty set would mean "all" to Scope.
                .filter(p -> p.operator() || !p.scope().projects().isEmpty());
    }

    private static Token token(TokenRow row) {
        return new Token(row.id(), row.consumer(), row.projects(), row.createdAt(), row.revokedAt());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String newId() {
        char[] out = new char[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return "tk-" + new String(out);
    }
}
