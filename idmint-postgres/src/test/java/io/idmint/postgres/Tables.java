package io.idmint.postgres;

/** The tables the migration tests migrate: the same rows in every database, so two runs can be compared key by key. */
final class Tables {
    /** Rows in {@link #orders}; {@link #SAME_INSTANT} of them share one timestamp, more than a tick's 4,096 sequence values. */
    static final int ROWS = 20_000;
    static final int SAME_INSTANT = 5_000;

    private Tables() {}

    /**
     * {@code orders}, keyed by UUID (derived from the row number, so equal in every database), with historical
     * {@code created_at} values: many rows per millisecond, and {@value #SAME_INSTANT} rows at one instant;
     * {@code order_items} references it.
     */
    static void orders(Database db) {
        Servers.execute(db,
                "CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz NOT NULL, n int NOT NULL)",
                "INSERT INTO orders (id, created_at, n) SELECT md5(g::text)::uuid, CASE WHEN g <= " + SAME_INSTANT
                        + " THEN timestamptz '2025-03-01 12:00:00.123456+00' ELSE timestamptz '2025-01-01 00:00:00+00'"
                        + " + ((g * 7919) % 9000) * interval '1 ms' + (g % 7) * interval '1 microsecond' END, g"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "CREATE TABLE order_items (item bigserial PRIMARY KEY, order_id uuid NOT NULL REFERENCES orders (id))",
                "INSERT INTO order_items (order_id) SELECT id FROM orders WHERE n % 10 = 0",
                "ANALYZE orders");
    }

    /** {@code events}, keyed by bigserial, no timestamp column. */
    static void events(Database db, int rows) {
        Servers.execute(db, "CREATE TABLE events (id bigserial PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO events (payload) SELECT 'event ' || g FROM generate_series(1, " + rows + ") g");
    }
}
