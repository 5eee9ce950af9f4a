package io.autosys.modelrepository.jdbc;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.autosys.modelrepository.api.RepositoryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** Connection pools for standalone use, and the H2 settings the schema and durability need. */
final class Databases {
    static final int POOL_SIZE = 8;

    /**
     * Settings added to an H2 URL unless it sets them: PostgreSQL mode with lower-case identifiers
     * (so one migration serves both databases), WRITE_DELAY=0, and a lock timeout long enough
     * for a burst of concurrent writers.
     *
     * <p>WRITE_DELAY=0 is what makes a commit durable. H2's MVStore has no separate log: by
     * default a background thread writes committed changes to the file up to 500 ms later, so
     * kill -9 loses the last commits (CrashTest fails that way with the default). With 0, H2
     * 2.4 writes the store, waiting for any write in progress, before commit returns.
     */
    static final Map<String, String> H2_SETTINGS = h2Settings();

    private Databases() {
    }

    private static Map<String, String> h2Settings() {
        var m = new LinkedHashMap<String, String>();
        m.put("MODE", "PostgreSQL");
        m.put("DATABASE_TO_LOWER", "TRUE");
        m.put("DEFAULT_NULL_ORDERING", "HIGH");
        m.put("WRITE_DELAY", "0");
        m.put("LOCK_TIMEOUT", "10000");
        return m;
    }

    /** A pool and what closes it. */
    record Pool(DataSource dataSource, AutoCloseable closer) {
    }

    static Pool open(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("JDBC URL is empty");
        }
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(withH2Settings(url), nullToEmpty(user),
                    nullToEmpty(password));
            pool.setMaxConnections(POOL_SIZE);
            return new Pool(pool, pool::dispose);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return postgres(url, user, password);
        }
        throw new IllegalArgumentException("JDBC URL '" + url
                + "' is neither H2 (jdbc:h2:...) nor PostgreSQL (jdbc:postgresql:...)");
    }

    private static Pool postgres(String url, String user, String password) {
        var config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(POOL_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .validationTimeout(Duration.ofSeconds(30))
                        .idleValidationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(url).autoCommit(true);
                            if (user != null && !user.isEmpty()) {
                                factory.principal(new NamePrincipal(user));
                            }
                            if (password != null && !password.isEmpty()) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        try {
            AgroalDataSource ds = AgroalDataSource.from(config);
            return new Pool(ds, ds::close);
        } catch (SQLException e) {
            throw new RepositoryException("cannot create a connection pool for " + url + ": " + e.getMessage(), e);
        }
    }

    /** {@code url} with every {@link #H2_SETTINGS} entry it does not set itself. */
    static String withH2Settings(String url) {
        var present = new java.util.HashSet<String>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                present.add(parts[i].substring(0, eq).trim().toUpperCase(Locale.ROOT));
            }
        }
        var sb = new StringBuilder(url);
        H2_SETTINGS.forEach((k, v) -> {
            if (!present.contains(k)) {
                sb.append(';').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /**
     * Checks a data source before migrating: on H2, that it runs in the PostgreSQL mode the
     * schema is written for, and that commits are written at once (setting WRITE_DELAY=0 if it
     * is not).
     */
    static void prepare(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"H2".equals(product)) {
                if (!"PostgreSQL".equals(product)) {
                    throw new IllegalArgumentException("the model repository runs on H2 or PostgreSQL, not " + product);
                }
                return;
            }
            Map<String, String> settings = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT setting_name, setting_value FROM information_schema.settings")) {
                while (rs.next()) {
                    settings.put(rs.getString(1).toUpperCase(Locale.ROOT), rs.getString(2));
                }
            }
            if (!"PostgreSQL".equalsIgnoreCase(settings.get("MODE"))
                    || !"TRUE".equalsIgnoreCase(settings.get("DATABASE_TO_LOWER"))) {
                throw new IllegalArgumentException("H2 must run in PostgreSQL mode for the model repository: add "
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE to the JDBC URL (it has MODE="
                        + settings.get("MODE") + ", DATABASE_TO_LOWER=" + settings.get("DATABASE_TO_LOWER") + ")");
            }
            if (!"0".equals(settings.get("WRITE_DELAY"))) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET WRITE_DELAY 0");
                } catch (SQLException e) {
                    throw new IllegalArgumentException("H2 has WRITE_DELAY=" + settings.get("WRITE_DELAY")
                            + ", which can lose committed trials when the process is killed, and this user cannot "
                            + "change it: add ;WRITE_DELAY=0 to the JDBC URL", e);
                }
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot open the model repository database: " + e.getMessage(), e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
