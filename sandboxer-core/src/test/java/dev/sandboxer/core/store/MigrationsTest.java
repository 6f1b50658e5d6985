package dev.sandboxer.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static Set<Integer> versions(String dialect) throws Exception {
        Path folder = Path.of(JdbcStore.class.getResource("/db/migration/" + dialect).toURI());
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws Exception {
        assertThat(JdbcStore.SCHEMA_VERSION).isEqualTo(((TreeSet<Integer>) versions("sqlite")).last());
    }

    @Test
    void everySqliteMigrationHasAPostgresqlTwin() throws Exception {
        assertThat(versions("postgresql")).isEqualTo(versions("sqlite"));
    }

    @Test
    void aRedactedUrlHidesThePassword() {
        assertThat(JdbcStore.redacted("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=false"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=false");
    }

    @Test
    void aTestDatabaseUrlKeepsItsParameters() {
        String url = "jdbc:postgresql://127.0.0.1:55432/sandboxer?user=u&password=p";
        assertThat(PostgresForTests.withDatabase(url, "other"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:55432/other?user=u&password=p");
        assertThat(PostgresForTests.databaseOf(url)).isEqualTo("sandboxer");
    }
}
