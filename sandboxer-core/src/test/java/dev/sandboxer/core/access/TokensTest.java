package dev.sandboxer.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
    @TempDir
    Path dir;

    private JdbcStore store;
    private Tokens tokens;

    @BeforeEach
    void open() {
        store = JdbcStore.sqlite(dir.resolve("sandboxer.db"), Clock.systemUTC());
        tokens = new Tokens(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewTokenAuthenticatesAsItsConsumerForItsProjects() {
        IssuedToken issued = tokens.create(Consumer.parse("agt:glas-harness"), Set.of("p1", "p2"));

        assertThat(issued.secret()).startsWith("sbx_").hasSize(4 + 43);
        assertThat(issued.token().id()).startsWith("tk-");
        Principal principal = tokens.authenticate(issued.secret()).orElseThrow();
        assertThat(principal.consumer()).isEqualTo(Consumer.parse("agt:glas-harness"));
        assertThat(principal.scope()).isEqualTo(new Scope(Set.of("p1", "p2")));
        assertThat(principal.tokenId()).isEqualTo(issued.token().id());
        assertThat(principal.operator()).isFalse();
    }

    @Test
    void anOperatorTokenActsForEveryProject() {
        IssuedToken issued = tokens.create(Consumer.parse("adm:root"), Set.of());

        Principal principal = tokens.authenticate(issued.secret()).orElseThrow();
        assertThat(principal.scope()).isEqualTo(Scope.ALL);
        assertThat(principal.operator()).isTrue();
    }

    @Test
    void eachTokenHasItsOwnSecret() {
        IssuedToken a = tokens.create(Consumer.parse("atm:ci"), Set.of("p1"));
        IssuedToken b = tokens.create(Consumer.parse("atm:ci"), Set.of("p1"));

        assertThat(a.secret()).isNotEqualTo(b.secret());
        assertThat(tokens.authenticate(b.secret()).orElseThrow().tokenId()).isEqualTo(b.token().id());
    }

    @Test
    void onlyTheHashOfASecretReachesTheDatabaseFiles() throws Exception {
        IssuedToken issued = tokens.create(Consumer.parse("agt:a"), Set.of("p1"));
        tokens.authenticate(issued.secret());
        store.close();

        String secretBody = issued.secret().substring(Tokens.PREFIX.length());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.getFileName().toString()).doesNotContain(secretBody);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            String all = files.map(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            assertThat(all).contains(Tokens.hash(issued.secret()));
        }
    }

    @Test
    void aRevokedTokenAuthenticatesNothingAndRevokingAgainChangesNothing() {
        IssuedToken issued = tokens.create(Consumer.parse("agt:a"), Set.of("p1"));

        Token revoked = tokens.revoke(issued.token().id()).orElseThrow();
        assertThat(revoked.revoked()).isTrue();
        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(tokens.revoke(issued.token().id()).orElseThrow().revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(tokens.revoke("tk-nosuchtoken")).isEmpty();
    }

    @Test
    void malformedUnknownAndAlteredSecretsAuthenticateNothing() {
        IssuedToken issued = tokens.create(Consumer.parse("agt:a"), Set.of("p1"));
        String secret = issued.secret();
        char last = secret.charAt(secret.length() - 1);
        String altered = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String presented : new String[] {null, "", "sbx_", "Bearer " + secret, secret + "x", " " + secret,
                secret.replace("sbx_", "sbz_"), altered, "sbx_" + "A".repeat(43)}) {
            assertThat(tokens.authenticate(presented)).as(String.valueOf(presented)).isEmpty();
        }
    }

    @Test
    void listingShowsEveryTokenWithoutItsSecret() {
        IssuedToken a = tokens.create(Consumer.parse("agt:a"), Set.of("p1"));
        IssuedToken b = tokens.create(Consumer.parse("adm:ops"), Set.of());
        tokens.revoke(a.token().id());

        List<Token> listed = tokens.list();
        assertThat(listed).extracting(Token::id).containsExactlyInAnyOrder(a.token().id(), b.token().id());
        assertThat(listed.toString()).doesNotContain(a.secret(), b.secret(), Tokens.hash(a.secret()));
        assertThat(tokens.find(a.token().id()).orElseThrow().revoked()).isTrue();
        assertThat(a.toString()).doesNotContain(a.secret());
    }

    @Test
    void projectsMustFitTheConsumerKind() {
        assertThatThrownBy(() -> tokens.create(Consumer.parse("agt:a"), Set.of()))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("names no project");
        assertThatThrownBy(() -> tokens.create(Consumer.parse("adm:a"), Set.of("p1")))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("every project");
        assertThatThrownBy(() -> tokens.create(Consumer.parse("atm:a"), Set.of("Not A Project")))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("project 'Not A Project'");
        assertThat(tokens.list()).isEmpty();
    }
}
