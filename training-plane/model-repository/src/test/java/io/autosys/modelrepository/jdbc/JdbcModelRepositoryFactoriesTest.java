package io.autosys.modelrepository.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.modelrepository.api.RepositoryException;
import io.autosys.sdk.api.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a repository is opened: the factories, the injected data source, the H2 settings, migrations. */
class JdbcModelRepositoryFactoriesTest {
    static {
        QuietFlyway.install();
    }

    @TempDir
    Path dir;

    @Test
    void h2FileCreatesItsDirectoryAndKeepsDataAcrossOpens() {
        Path data = dir.resolve("nested/data");
        long id;
        try (JdbcModelRepository repo = JdbcModelRepository.h2File(data)) {
            id = repo.createStudy("s", "sys", "kv", "{}", Map.of()).id();
            repo.createTrial(id, Configuration.builder().set("x", 1L).build(), 1, Map.of());
        }
        assertThat(Files.exists(data.resolve("autosys.mv.db"))).isTrue();
        try (JdbcModelRepository repo = JdbcModelRepository.h2File(data)) {
            assertThat(repo.trials(id)).hasSize(1);
        }
    }

    @Test
    void theClockStampsTimes() {
        Instant t = Instant.parse("2030-05-06T07:08:09.123456789Z");
        try (JdbcModelRepository repo = JdbcModelRepository.h2File(dir, Clock.fixed(t, ZoneOffset.UTC))) {
            var s = repo.createStudy("s", "sys", "kv", "{}", Map.of());
            assertThat(s.createdAt()).isEqualTo(Instant.parse("2030-05-06T07:08:09.123456Z"));
        }
    }

    @Test
    void connectRefusesUrlsItCannotServe() {
        assertThatThrownBy(() -> JdbcModelRepository.connect(" ", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("JDBC URL is empty");
        assertThatThrownBy(() -> JdbcModelRepository.connect("jdbc:mysql://localhost/x", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:mysql://localhost/x' is neither H2");
        assertThatThrownBy(() -> JdbcModelRepository.h2File(dir.resolve("a;b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains ';'");
    }

    @Test
    void h2UrlsGetTheMissingSettingsAndKeepTheirOwn() {
        String url = Databases.withH2Settings("jdbc:h2:file:/x/db;lock_timeout=5;AUTO_SERVER=FALSE");
        assertThat(url).startsWith("jdbc:h2:file:/x/db;lock_timeout=5;AUTO_SERVER=FALSE;")
                .contains(";MODE=PostgreSQL", ";DATABASE_TO_LOWER=TRUE", ";WRITE_DELAY=0")
                .doesNotContain("LOCK_TIMEOUT=10000");
    }

    @Test
    void anInjectedDataSourceIsMigratedOnceAndNotClosedByTheRepository() throws SQLException {
        String url = Databases.withH2Settings("jdbc:h2:file:" + dir.resolve("injected"));
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            try (var repo = new JdbcModelRepository(pool)) {
                repo.createStudy("s", "sys", "kv", "{}", Map.of());
            }
            try (var repo = new JdbcModelRepository(pool)) {
                assertThat(repo.studyByName("s")).isPresent();
            }
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history "
                            + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.next()).as("one migration, applied once").isFalse();
            }
        } finally {
            pool.dispose();
        }
    }

    @Test
    void refusesH2OutsidePostgresMode() {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("plain"), "sa", "");
        try {
            assertThatThrownBy(() -> new JdbcModelRepository(pool))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("H2 must run in PostgreSQL mode")
                    .hasMessageContaining(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        } finally {
            pool.dispose();
        }
    }

    @Test
    void turnsOnWriteThroughCommitsWhenTheUrlDidNot() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("delayed") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            new JdbcModelRepository(pool).close();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT setting_value FROM information_schema.settings "
                            + "WHERE setting_name = 'WRITE_DELAY'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
        } finally {
            pool.dispose();
        }
    }

    @Test
    void anUnreachableDatabaseIsARepositoryErrorSayingSo() {
        assertThatThrownBy(() -> JdbcModelRepository.connect("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
                "postgres", ""))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("cannot open the model repository database");
    }
}
