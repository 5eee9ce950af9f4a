package io.autosys.modelrepository.jdbc;

import io.autosys.modelrepository.api.RepositoryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs a unit of work in one transaction: commit on success, rollback on any exception (so a
 * failed call changes nothing), and a few retries when the database aborted the transaction to
 * resolve a conflict (deadlock, serialization failure, lock timeout). A retry is safe because the
 * aborted attempt was rolled back as a whole. SQL failures become {@link RepositoryException}
 * naming what was being done; {@link IllegalArgumentException} from the work passes through.
 */
final class Transactions {
    /** A unit of work against one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int ATTEMPTS = 5;
    /**
     * SQLStates that mean "aborted, nothing applied, try again": serialization failure (also H2's
     * deadlock), PostgreSQL's deadlock, H2's lock timeout and concurrent update.
     */
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "HYT00", "90131");

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T read(String what, Work<T> work) {
        return run(what, work);
    }

    <T> T write(String what, Work<T> work) {
        return run(what, work);
    }

    private <T> T run(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isTransient(e)) {
                    backOff(attempt);
                    continue;
                }
                throw new RepositoryException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                // pooled connections go back as they came
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the pool validates or drops a broken connection
                }
            }
        }
    }

    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && TRANSIENT.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(5L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException("interrupted while retrying a transaction", e);
        }
    }
}
