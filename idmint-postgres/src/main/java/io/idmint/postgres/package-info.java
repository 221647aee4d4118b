/**
 * idmint in and around PostgreSQL.
 *
 * <ul>
 * <li>{@link io.idmint.postgres.IdFunction}: a PL/pgSQL function issuing a layout's IDs for one reserved
 * (datacenter, worker) inside the database ({@code idmint sql}); its state is a sequence, its read-modify-write
 * runs under a session-level advisory lock held for the call only.</li>
 * <li>{@link io.idmint.postgres.Migration}: a table from UUID or bigserial keys to idmint IDs, online ({@code idmint
 * migrate}): plan, add-column, a backfill resumable after a crash (each batch commits with its cursor), verify,
 * and the cutover SQL, printed for review.</li>
 * <li>{@code io.idmint.postgres.bench.PgBench}: insert time, index size, lookups and range queries per key scheme
 * ({@code bin/pg-bench}), run from its own {@code pg-bench.jar}.</li>
 * </ul>
 *
 * <p>Every SQL text carries names only after {@code SqlName} validated them (quoted), types
 * only from the catalog, values only as bind parameters. Failures: {@link io.idmint.postgres.MigrationRefusedException}
 * (invalid request, nothing changed), {@link io.idmint.postgres.PostgresException} (retry later, or permanent).
 */
package io.idmint.postgres;
