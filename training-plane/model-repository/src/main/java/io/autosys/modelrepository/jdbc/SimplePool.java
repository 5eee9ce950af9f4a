package io.autosys.modelrepository.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small connection pool for standalone use (the Quarkus service uses its own pool): at most
 * {@code max} connections; a closed connection goes back to the pool unless it is broken.
 */
final class SimplePool implements DataSource, AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final Semaphore permits;
    private final ArrayBlockingQueue<Connection> idle;
    private volatile boolean closed;

    SimplePool(String url, String user, String password, int max) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.permits = new Semaphore(max);
        this.idle = new ArrayBlockingQueue<>(max);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed");
        }
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free within 30 s (pool of " + idle.remainingCapacity()
                        + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        try {
            Connection c;
            while ((c = idle.poll()) != null) {
                if (c.isValid(2)) {
                    return wrap(c);
                }
                quietClose(c);
            }
            return wrap(DriverManager.getConnection(url, user, password));
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection wrap(Connection real) {
        boolean[] returned = new boolean[1];
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!returned[0]) {
                            returned[0] = true;
                            if (closed || real.isClosed() || !real.getAutoCommit() || !idle.offer(real)) {
                                quietClose(real);
                            }
                            permits.release();
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return returned[0] || real.isClosed();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already broken
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietClose(c);
        }
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool connects with its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
