package io.autosys.modelrepository.jdbc;

import io.autosys.sdk.testing.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on the PostgreSQL at 127.0.0.1:5432 (user postgres, trust authentication), in a
 * schema of its own created for each test and dropped after it: the server outlives the build,
 * so nothing is left behind. Skips without the server, and fails instead under CI.
 */
class PostgresModelRepositoryTest extends ModelRepositoryContract {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private String schema;

    @BeforeAll
    static void requirePostgres() {
        Services.assumeAvailable(reachable(), "PostgreSQL at 127.0.0.1:5432");
    }

    static boolean reachable() {
        try (Connection c = admin()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static Connection admin() throws SQLException {
        var props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(SERVER, props);
    }

    @Override
    protected String user() {
        return "postgres";
    }

    @Override
    protected String freshStore() throws SQLException {
        schema = "autosys_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return SERVER + "?currentSchema=" + schema;
    }

    @Override
    protected void dropStore() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
