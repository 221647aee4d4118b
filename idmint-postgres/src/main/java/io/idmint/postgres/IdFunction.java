package io.idmint.postgres;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A PL/pgSQL function that issues IDs of a {@link BitLayout} for one (datacenter, worker) inside PostgreSQL, so
 * rows can take their key from a column {@code DEFAULT}: the same bits an idmint process of that layout
 * composes, so {@code idmint inspect} decodes both and, with distinct workers, they never collide.
 *
 * <p><b>State.</b> A sequence {@code <function>_state} holds {@code tick << sequenceBits | sequence} of the
 * last ID. Sequences are not transactional: {@code setval} is visible to every session at once and stays
 * when the calling transaction rolls back, so an ID handed out once is never handed out again.
 *
 * <p><b>One writer at a time.</b> Each call reads the state, computes the next and writes it while holding a
 * session-level advisory lock, taken and released inside the call (microseconds, not until commit), so calls
 * from all sessions are totally ordered and each writes a state strictly above the one it read. An exception
 * block releases the lock on any error, cancel or statement time-out included (PL/pgSQL's {@code OTHERS} does
 * not catch {@code query_canceled}, so it is named), and only if this session holds it.
 *
 * <p><b>Next state</b>, with {@code now} the tick of {@code clock_timestamp()}: {@code now << sequenceBits}
 * when the clock moved past the last tick; otherwise {@code last + 1} while the last tick has sequence values
 * left (also when the clock is behind the last tick: IDs keep the last tick, never repeat); when the last
 * tick's sequence is used up, the call waits (in sleeps of at most 10 ms) until the clock reaches the next
 * tick, as the Java generator spins, at most {@link Builder#maxWait(Duration) maxWait} (1 s); a clock still
 * behind then fails with SQLSTATE {@value #CLOCK_BEHIND} naming both times, and a layout past its end of
 * life with {@value #LAYOUT_ENDED}. So an ID's timestamp is never after the latest clock reading, and never
 * before it by more than the clock stepped back.
 */
public final class IdFunction {
    /** SQLSTATE of a call that waited {@code maxWait} for a clock behind the last ID's tick: retry later. */
    public static final String CLOCK_BEHIND = "IDM01";
    /** SQLSTATE of a call after the layout's end of life. */
    public static final String LAYOUT_ENDED = "IDM02";
    static final String DEFAULT_NAME = "idmint_next_id";
    /** The first key of every advisory lock idmint takes ("idmt"); the second names the object locked. */
    static final int LOCK_CLASS = 0x69646d74;
    static final String COMMENT_PREFIX = "idmint function: ";

    private final BitLayout layout;
    private final long datacenter;
    private final long worker;
    private final SqlName name;
    private final SqlName state;
    private final Duration maxWait;

    private IdFunction(Builder b) {
        this.layout = b.layout;
        this.datacenter = b.datacenter;
        this.worker = b.worker;
        this.name = SqlName.parse(b.name, "function");
        this.state = name.derived("_state", "the function's state sequence");
        this.maxWait = b.maxWait;
    }

    public static Builder builder(BitLayout layout) {
        return new Builder(layout);
    }

    public BitLayout layout() {
        return layout;
    }

    public long datacenter() {
        return datacenter;
    }

    public long worker() {
        return worker;
    }

    /** {@code schema.name}, as it is called: {@code SELECT schema.name()}. */
    public String name() {
        return name.toString();
    }

    SqlName sqlName() {
        return name;
    }

    /** The sequence that holds the state, {@code schema.<function>_state}. */
    public String stateSequence() {
        return state.toString();
    }

    /** The install script: the state sequence (kept if it exists), the function, its comment. Idempotent. */
    public String sql() {
        String header = String.format("-- idmint: %s() issues IDs of layout '%s' (%s, tick %d ms, epoch %s)%n"
                        + "-- for datacenter %d, worker %d. Give this worker to nothing else: it is reserved for this function"
                        + " in this database.%n-- Callers need: GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO <role>;%n",
                name, layout.name(), layout.binaryView(), layout.tickMillis(), layout.epoch(), datacenter, worker, state.quoted());
        return header + FunctionSql.render(this) + "\nCOMMENT ON FUNCTION " + name.quoted() + "() IS '"
                + comment() + "';\n";
    }

    /** The comment the function carries, which {@link #install} and the migration read back. */
    String comment() {
        return COMMENT_PREFIX + "layout " + layout.name() + " " + layout.fingerprint() + "; datacenter " + datacenter
                + "; worker " + worker + "; state " + state;
    }

    /** The advisory lock's second key: the state sequence's name, hashed (a collision only serialises more). */
    int lockKey() {
        return hash("function:" + state);
    }

    static int hash(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0x7fff_ffffL);
    }

    /**
     * Installs the function, keeping the state sequence if it exists. Refuses, changing nothing, when a
     * function of this name exists for another layout or worker (its state would be misread), or another idmint
     * function already issues this layout's IDs for the same datacenter and worker (the two would collide).
     */
    public void install(Database db) {
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_catalog.pg_advisory_xact_lock(" + LOCK_CLASS + ", " + hash("install") + ")");
                refuseConflicts(installed(c));
                s.execute(sql());
            }
            c.commit();
        } catch (SQLException e) {
            throw PostgresException.of("installing " + name + "() on " + db.location(), e);
        }
    }

    private void refuseConflicts(List<Installed> existing) {
        for (Installed e : existing) {
            boolean sameName = e.function().equals(name.toString());
            boolean sameIds = e.fingerprint().equals(layout.fingerprint()) && e.datacenter() == datacenter && e.worker() == worker;
            if (sameName && !sameIds) {
                throw new MigrationRefusedException("function " + name + "() is installed for layout " + e.fingerprint()
                        + ", datacenter " + e.datacenter() + ", worker " + e.worker() + "; this one is for layout "
                        + layout.fingerprint() + ", datacenter " + datacenter + ", worker " + worker + ": its state would be"
                        + " misread. Choose another --function name, or drop the old one (DROP FUNCTION " + name.quoted()
                        + "(); DROP SEQUENCE " + state.quoted() + ";) once none of its IDs needs to stay unique");
            }
            if (!sameName && sameIds) {
                throw new MigrationRefusedException("function " + e.function() + "() already issues IDs of layout "
                        + layout.name() + " for datacenter " + datacenter + ", worker " + worker + ": a second function on"
                        + " the same worker would issue the same IDs. Use " + e.function() + "(), or give " + name
                        + "() another --worker");
            }
        }
    }

    /** What an installed idmint function issues, read from its comment. */
    public record Installed(String function, String layoutName, String fingerprint, long datacenter, long worker, String state) {}

    /** Every idmint function of the connection's database. */
    static List<Installed> installed(Connection c) throws SQLException {
        List<Installed> out = new ArrayList<>();
        String sql = "SELECT n.nspname || '.' || p.proname, d.description FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_catalog.pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass"
                + " WHERE d.description LIKE 'idmint function: %'";
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                parse(rs.getString(1), rs.getString(2)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The idmint function called {@code name} in the connection's database, if there is one. */
    static Optional<Installed> find(Connection c, SqlName function) throws SQLException {
        return installed(c).stream().filter(i -> i.function().equals(function.toString())).findFirst();
    }

    static Optional<Installed> parse(String function, String comment) {
        var m = java.util.regex.Pattern.compile("idmint function: layout (\\S+) (\\S+); datacenter (\\d+); worker (\\d+); state (\\S+)")
                .matcher(comment);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Installed(function, m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                m.group(5)));
    }

    /** The constants the SQL template takes, all numbers or validated, quoted names. */
    Map<String, String> constants() {
        int seqBits = layout.width(Field.SEQUENCE);
        long fixed = datacenter << layout.shift(Field.DATACENTER) | worker << layout.shift(Field.WORKER);
        return Map.ofEntries(Map.entry("function", name.quoted()), Map.entry("label", name.toString()),
                Map.entry("state", state.quoted()), Map.entry("stateLiteral", state.literal()),
                Map.entry("lockClass", Integer.toString(LOCK_CLASS)), Map.entry("lockKey", Integer.toString(lockKey())),
                Map.entry("epoch", Long.toString(layout.epochMillis())), Map.entry("tick", Long.toString(layout.tickMillis())),
                Map.entry("seqBits", Integer.toString(seqBits)), Map.entry("seqMax", Long.toString(layout.maxValue(Field.SEQUENCE))),
                Map.entry("maxTick", Long.toString(layout.maxValue(Field.TIMESTAMP))),
                Map.entry("tsShift", Integer.toString(layout.shift(Field.TIMESTAMP))),
                Map.entry("seqShift", Integer.toString(layout.shift(Field.SEQUENCE))), Map.entry("fixed", Long.toString(fixed)),
                Map.entry("maxWait", Long.toString(maxWait.toMillis())), Map.entry("endOfLife", layout.endOfLife().toString()));
    }

    @Override
    public String toString() {
        return name + "() [layout " + layout.name() + ", datacenter " + datacenter + ", worker " + worker + "]";
    }

    /** Configures an {@link IdFunction}; {@link #build()} checks every value against the layout. */
    public static final class Builder {
        private final BitLayout layout;
        private long datacenter;
        private long worker = -1;
        private String name = DEFAULT_NAME;
        private Duration maxWait = Duration.ofSeconds(1);
        private ProcessWorkers external;
        private final ProcessWorkers processes = new ProcessWorkers();

        private Builder(BitLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
        }

        public Builder datacenter(long datacenter) {
            this.datacenter = datacenter;
            return this;
        }

        /** Required: a worker no process uses, e.g. above every leased range. */
        public Builder worker(long worker) {
            this.worker = worker;
            return this;
        }

        /** {@code name} or {@code schema.name} (default {@code idmint_next_id}, in {@code public}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** How long a call waits for the clock (a used-up tick, a clock stepped back): 0..60 s, default 1 s. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
            return this;
        }

        /**
         * Refuse a worker in {@code first..last}, which {@code owner} hands to processes (a config's leased
         * {@code workers.range}, a hybrid {@code staticRange}).
         */
        public Builder outside(long first, long last, String owner) {
            processes.add(first, last, owner);
            return this;
        }

        /** Refuse a worker any of these processes may take. */
        public Builder outside(ProcessWorkers workers) {
            this.external = workers;
            return this;
        }

        /** @throws InvalidRequestException naming the value and its limit */
        public IdFunction build() {
            long maxWorker = layout.maxValue(Field.WORKER);
            long maxDc = layout.maxValue(Field.DATACENTER);
            if (worker < 0 || worker > maxWorker) {
                throw new InvalidRequestException("worker must be 0.." + maxWorker + " for layout '" + layout.name()
                        + "' (give the database a worker no process uses): worker=" + (worker < 0 ? "none" : worker));
            }
            if (datacenter < 0 || datacenter > maxDc) {
                throw new InvalidRequestException("datacenter must be 0.." + maxDc + " for layout '" + layout.name()
                        + "': datacenter=" + datacenter);
            }
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new InvalidRequestException("max wait must be 0..60000 ms: maxWait=" + maxWait.toMillis() + " ms");
            }
            processes.requireOutside(worker, maxWorker);
            if (external != null) {
                external.requireOutside(worker, maxWorker);
            }
            return new IdFunction(this);
        }
    }
}
