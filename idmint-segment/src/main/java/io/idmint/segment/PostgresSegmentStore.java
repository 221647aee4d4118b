package io.idmint.segment;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** {@link SegmentStore} on PostgreSQL: table {@code idmint_segment}, one row per biz tag, schema by Flyway. */
final class PostgresSegmentStore implements SegmentStore {
    static final String HISTORY_TABLE = "idmint_segment_schema_history";
    static final String MIGRATIONS = "classpath:db/idmint-segment/postgresql";

    private static final String TAKE = "UPDATE idmint_segment SET next_value = GREATEST(next_value, ?) + ?, updated_at = now()"
            + " WHERE biz_tag = ? AND stride = ? AND remainder = ? RETURNING next_value";
    private static final String GIVE_BACK = "UPDATE idmint_segment SET next_value = ?, updated_at = now()"
            + " WHERE biz_tag = ? AND next_value = ? AND stride = ? AND remainder = ?";
    private static final String CREATE = "INSERT INTO idmint_segment (biz_tag, next_value, step, stride, remainder, description)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (biz_tag) DO NOTHING";
    private static final String SELECT = "SELECT biz_tag, next_value, step, stride, remainder, description, updated_at"
            + " FROM idmint_segment";
    private static final AtomicLong POOLS = new AtomicLong();

    private final HikariDataSource pool;
    private final String location;
    private final int stride;
    private final int remainder;
    private final boolean migrate;
    private final String schema;
    private volatile boolean migrated;

    PostgresSegmentStore(PostgresStoreBuilder b) {
        this.location = withoutPassword(b.jdbcUrl);
        this.stride = b.stride;
        this.remainder = b.remainder;
        this.migrate = b.migrate;
        this.schema = b.schema;
        this.pool = new HikariDataSource(poolConfig(b));
    }

    private static HikariConfig poolConfig(PostgresStoreBuilder b) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(b.jdbcUrl);
        c.setUsername(b.user);
        c.setPassword(b.password);
        c.setPoolName("idmint-segment-" + POOLS.incrementAndGet());
        c.setMaximumPoolSize(b.poolSize);
        c.setMinimumIdle(Math.min(1, b.poolSize));
        long millis = Math.max(250, b.timeout.toMillis());
        c.setConnectionTimeout(millis);
        c.setValidationTimeout(millis);
        // Start without a connection: a store that is down must not stop a generator built over several.
        c.setInitializationFailTimeout(-1);
        c.setAutoCommit(true);
        if (b.schema != null) {
            c.setSchema(b.schema);
        }
        String seconds = Long.toString(Math.max(1, (b.timeout.toMillis() + 999) / 1000));
        c.addDataSourceProperty("connectTimeout", seconds);
        c.addDataSourceProperty("loginTimeout", seconds);
        // A frozen server must fail the statement, not hang the fetch thread forever.
        c.addDataSourceProperty("socketTimeout", seconds);
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("ApplicationName", "idmint-segment");
        return c;
    }

    /** The URL as operators may see it: any {@code password} or {@code sslpassword} parameter removed. */
    static String withoutPassword(String jdbcUrl) {
        // Parameter by parameter: one regex pass that also ate the separator skipped the next password.
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return jdbcUrl;
        }
        StringBuilder kept = new StringBuilder();
        for (String param : jdbcUrl.substring(q + 1).split("&")) {
            String key = param.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (!param.isEmpty() && !key.equals("password") && !key.equals("sslpassword")) {
                kept.append(kept.length() == 0 ? '?' : '&').append(param);
            }
        }
        return jdbcUrl.substring(0, q) + kept;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int stride() {
        return stride;
    }

    @Override
    public int remainder() {
        return remainder;
    }

    @Override
    public long take(String bizTag, int step, long floor) {
        SegmentStore.checkBizTag(bizTag);
        SegmentStore.checkStep("step", step);
        long from = Checks.alignUp(floor, stride, remainder);
        long span = (long) step * stride;
        return withConnection(bizTag, c -> {
            OptionalLong taken = update(c, bizTag, from, span);
            if (taken.isEmpty()) {
                explainMissing(c, bizTag, step);
                taken = update(c, bizTag, from, span);
            }
            return taken.orElseThrow(() -> SegmentException.unavailable("biz tag '" + bizTag + "' on " + location
                    + " vanished while being created; another process may be deleting it", null));
        });
    }

    private OptionalLong update(Connection c, String bizTag, long from, long span) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TAKE)) {
            s.setLong(1, from);
            s.setLong(2, span);
            s.setString(3, bizTag);
            s.setInt(4, stride);
            s.setInt(5, remainder);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** No row matched: the key is missing (create it, as on first use) or has another stride (refuse). */
    private void explainMissing(Connection c, String bizTag, int step) throws SQLException {
        Optional<SegmentKey> existing = select(c, bizTag);
        if (existing.isPresent()) {
            throw StrideMismatch.of(bizTag, location, existing.get(), stride, remainder);
        }
        insert(c, bizTag, step, "created on first use", 1);
    }

    private boolean insert(Connection c, String bizTag, int step, String description, long firstValue) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CREATE)) {
            s.setString(1, bizTag);
            s.setLong(2, Checks.alignUp(firstValue, stride, remainder));
            s.setInt(3, step);
            s.setInt(4, stride);
            s.setInt(5, remainder);
            s.setString(6, description);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean giveBack(String bizTag, long expectedNext, long restoredNext) {
        SegmentStore.checkBizTag(bizTag);
        return withConnection(bizTag, c -> {
            try (PreparedStatement s = c.prepareStatement(GIVE_BACK)) {
                s.setLong(1, restoredNext);
                s.setString(2, bizTag);
                s.setLong(3, expectedNext);
                s.setInt(4, stride);
                s.setInt(5, remainder);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean createKey(String bizTag, int step, String description, long firstValue) {
        SegmentStore.checkBizTag(bizTag);
        SegmentStore.checkStep("step", step);
        String d = Checks.description(description);
        Checks.rangeLong("firstValue", firstValue, 0, Long.MAX_VALUE / 2);
        return withConnection(bizTag, c -> insert(c, bizTag, step, d, firstValue));
    }

    @Override
    public Optional<SegmentKey> key(String bizTag) {
        SegmentStore.checkBizTag(bizTag);
        return withConnection(bizTag, c -> select(c, bizTag));
    }

    @Override
    public List<SegmentKey> keys() {
        return withConnection(null, c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY biz_tag"); ResultSet r = s.executeQuery()) {
                List<SegmentKey> all = new ArrayList<>();
                while (r.next()) {
                    all.add(row(r));
                }
                return List.copyOf(all);
            }
        });
    }

    private static Optional<SegmentKey> select(Connection c, String bizTag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE biz_tag = ?")) {
            s.setString(1, bizTag);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static SegmentKey row(ResultSet r) throws SQLException {
        return new SegmentKey(r.getString(1), r.getLong(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getString(6),
                r.getTimestamp(7).toInstant());
    }

    /** Work on one connection, the schema brought up to date first; SQL failures become {@link SegmentException}s. */
    private <T> T withConnection(String bizTag, SqlWork<T> work) {
        if (pool.isClosed()) {
            throw SegmentException.refused("segment store " + location + " is closed", null);
        }
        ensureMigrated();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(bizTag, e);
        }
    }

    private void ensureMigrated() {
        if (migrated || !migrate) {
            return;
        }
        synchronized (this) {
            if (migrated) {
                return;
            }
            try {
                var config = Flyway.configure(PostgresSegmentStore.class.getClassLoader()).dataSource(pool)
                        .locations(MIGRATIONS).table(HISTORY_TABLE)
                        // An application database has tables of its own: start our history there, at version 0.
                        .baselineOnMigrate(true).baselineVersion("0");
                if (schema != null) {
                    config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
                }
                config.load().migrate();
                migrated = true;
            } catch (FlywayException e) {
                throw unreachableOr(e, "could not bring the segment table up to date (Flyway, " + MIGRATIONS + ")");
            }
        }
    }

    private SegmentException unreachableOr(FlywayException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return translate(null, (SQLException) t);
            }
        }
        return SegmentException.refused("segment store " + location + ": " + what + ": " + e.getMessage(), e);
    }

    private SegmentException translate(String bizTag, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String subject = (bizTag == null ? "" : "biz tag '" + bizTag + "' on ") + "segment store " + location;
        if ("22003".equals(state)) {
            return SegmentException.refused(subject + " has used up its values: the next segment would pass "
                    + Long.MAX_VALUE + " (SQLState 22003: " + e.getMessage() + ")", e);
        }
        if ("23514".equals(state) || "42P01".equals(state) || "28P01".equals(state) || "28000".equals(state)
                || "3D000".equals(state)) {
            return SegmentException.refused(subject + " refused: " + e.getMessage() + " (SQLState " + state + ")", e);
        }
        String why = e instanceof SQLTransientConnectionException || state.startsWith("08") ? "unreachable" : "failed";
        return SegmentException.unavailable(subject + " " + why + ": " + rootMessage(e) + (state.isEmpty() ? "" : " (SQLState "
                + state + ")"), e);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? own : own + ": " + root;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "SegmentStore[postgres " + location + ", stride " + stride + ", remainder " + remainder + "]";
    }

    /** JDBC work that returns a value; checked SQL failures are translated by the caller. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
