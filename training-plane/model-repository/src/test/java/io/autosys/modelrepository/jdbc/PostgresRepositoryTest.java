package io.autosys.modelrepository.jdbc;

import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.sdk.testing.Services;
import java.sql.DriverManager;
import java.util.UUID;

/**
 * The repository contract on the PostgreSQL at 127.0.0.1:5432, in a fresh schema per test that is
 * dropped afterwards (the machine's server outlives sessions). Skips without PostgreSQL on a
 * laptop; fails under CI.
 */
class PostgresRepositoryTest extends RepositoryContractTest {
    static final String URL = System.getProperty("autosys.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("autosys.postgres.user", "postgres");
    private String schema;

    static boolean reachable() {
        try (var c = DriverManager.getConnection(URL, USER, "")) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected ModelRepository open() throws Exception {
        Services.assumeAvailable(reachable(), "PostgreSQL at " + URL);
        schema = "autosys_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(URL, USER, ""); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return JdbcModelRepository.connect(URL + "?currentSchema=" + schema, USER, "");
    }

    @Override
    protected void cleanUp() throws Exception {
        if (schema != null) {
            try (var c = DriverManager.getConnection(URL, USER, ""); var s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
