package io.idmint.postgres.bench;

/**
 * One scheme's figures from one run.
 *
 * @param rowsDone cumulative rows after each batch
 * @param nanosDone cumulative insert time after each batch
 * @param insertSeconds all batches, keys generated and COPY'd
 * @param indexMb the primary key index's size after the inserts (MiB)
 * @param tableMb the table's heap size (MiB)
 * @param lookupMicros mean of the point lookups by key, each a round trip (µs)
 * @param rangeMillis the time-range query (best of three, ms)
 * @param rangeRows rows the time-range query counted
 * @param rangeVia what the range query filtered: the key, or created_at when the key carries no time
 */
record SchemeResult(Scheme scheme, long rows, long[] rowsDone, long[] nanosDone, double insertSeconds, double indexMb,
                    double tableMb, double lookupMicros, double rangeMillis, long rangeRows, String rangeVia) {
    double rowsPerSecond() {
        return rows / insertSeconds;
    }

    String line() {
        return String.format(java.util.Locale.ROOT, "scheme=%s insert_s=%.2f index_mb=%.1f rows_per_s=%.0f table_mb=%.1f lookup_us=%.1f"
                        + " range_ms=%.1f range_rows=%d range_via=%s", scheme.label, insertSeconds, indexMb, rowsPerSecond(), tableMb,
                lookupMicros, rangeMillis, rangeRows, rangeVia);
    }
}
