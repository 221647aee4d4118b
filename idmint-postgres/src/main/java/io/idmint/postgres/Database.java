package io.idmint.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/**
 * Where to connect: a pgJDBC URL, a user and an optional password. Every connection runs with {@code TimeZone
 * UTC}, so timestamps read as text (the backfill's cursor) mean the same instant in every session, and names
 * itself {@code idmint} in {@code pg_stat_activity}.
 */
public final class Database {
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Database(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
    }

    /**
     * @param user null for the driver's default
     * @param password null for none (trust, peer or a {@code .pgpass} the driver reads)
     */
    public static Database of(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new io.idmint.core.InvalidRequestException("jdbc URL must start with jdbc:postgresql: jdbc="
                    + withoutPassword(jdbcUrl));
        }
        return new Database(jdbcUrl, user, password);
    }

    /** A new connection in autocommit mode. */
    public Connection open() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "idmint");
        p.setProperty("options", "-c TimeZone=UTC");
        try {
            Connection c = DriverManager.getConnection(jdbcUrl, p);
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'"); // also when the URL's own options replaced ours
            }
            return c;
        } catch (SQLException e) {
            throw PostgresException.of("connecting to " + location(), e);
        }
    }

    /** The URL as it may be shown: any {@code password} parameter removed. */
    public String location() {
        return withoutPassword(jdbcUrl);
    }

    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&])(ssl)?password=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    @Override
    public String toString() {
        return location();
    }
}
