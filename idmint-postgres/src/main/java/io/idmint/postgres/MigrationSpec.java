package io.idmint.postgres;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import java.util.Objects;

/**
 * What to migrate: the table, the new ID column, the timestamp column whose values the backfilled IDs carry
 * (none: the time of the backfill), the {@link IdFunction} new rows take their ID from, the layout, and the
 * (datacenter, worker) reserved for the backfill.
 *
 * @param worker the backfill's worker, -1 when not given (then the one a started backfill recorded)
 */
public record MigrationSpec(String table, String column, String timestampColumn, String function, BitLayout layout,
                            long datacenter, long worker, int batchSize) {
    public static final int MAX_BATCH = 100_000;

    public MigrationSpec {
        Objects.requireNonNull(layout, "layout");
        SqlName.parse(table, "table");
        SqlName.column(column, "column");
        if (timestampColumn != null) {
            SqlName.column(timestampColumn, "timestamp column");
        }
        SqlName.parse(function, "function");
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidRequestException("batch size must be 1.." + MAX_BATCH + ": batchSize=" + batchSize);
        }
        if (datacenter < 0 || datacenter > layout.maxValue(Field.DATACENTER)) {
            throw new InvalidRequestException("datacenter must be 0.." + layout.maxValue(Field.DATACENTER) + " for layout '"
                    + layout.name() + "': datacenter=" + datacenter);
        }
        if (worker < -1 || worker > layout.maxValue(Field.WORKER)) {
            throw new InvalidRequestException("worker must be 0.." + layout.maxValue(Field.WORKER) + " for layout '"
                    + layout.name() + "': worker=" + worker);
        }
    }

    /** Defaults: column {@code id_new}, no timestamp column, function {@code idmint_next_id}, batches of 10,000. */
    public static MigrationSpec of(String table, BitLayout layout) {
        return new MigrationSpec(table, "id_new", null, IdFunction.DEFAULT_NAME, layout, 0, -1, 10_000);
    }

    public MigrationSpec withColumn(String name) {
        return new MigrationSpec(table, name, timestampColumn, function, layout, datacenter, worker, batchSize);
    }

    public MigrationSpec withTimestampColumn(String name) {
        return new MigrationSpec(table, column, name, function, layout, datacenter, worker, batchSize);
    }

    public MigrationSpec withFunction(String name) {
        return new MigrationSpec(table, column, timestampColumn, name, layout, datacenter, worker, batchSize);
    }

    /** The backfill's reserved (datacenter, worker). */
    public MigrationSpec withWorker(long dc, long w) {
        return new MigrationSpec(table, column, timestampColumn, function, layout, dc, w, batchSize);
    }

    public MigrationSpec withBatchSize(int rows) {
        return new MigrationSpec(table, column, timestampColumn, function, layout, datacenter, worker, rows);
    }
}
