/**
 * Segment IDs (the ticket-server model of Flickr, Leaf's segment mode, tinyid): a {@link
 * io.idmint.segment.SegmentGenerator} hands out plain increasing 64-bit numbers from segments it takes from a
 * {@link io.idmint.segment.SegmentStore} on PostgreSQL or Redis, one atomic store operation per segment.
 *
 * <h2>Store layout</h2>
 * PostgreSQL: table {@code idmint_segment} (migration {@code db/idmint-segment/postgresql/V1__create_idmint_segment.sql},
 * applied by Flyway with history table {@code idmint_segment_schema_history}): {@code biz_tag} primary key,
 * {@code next_value}, {@code step}, {@code stride}, {@code remainder}, {@code description}, {@code created_at},
 * {@code updated_at}. A segment is one statement:
 * {@code UPDATE idmint_segment SET next_value = GREATEST(next_value, :floor) + :step * stride ... WHERE biz_tag = :tag
 * AND stride = :stride AND remainder = :remainder RETURNING next_value}. Redis: hash {@code idmint:segment:tag:BIZ_TAG}
 * with the same fields and set {@code idmint:segment:tags}; a segment is one Lua script doing the same.
 *
 * <h2>Settings and defaults</h2>
 * <table>
 * <caption>generator ({@link io.idmint.segment.SegmentGeneratorBuilder})</caption>
 * <tr><th>setting</th><th>default</th><th>why</th></tr>
 * <tr><td>initialStep</td><td>the key's stored step, else 1,000</td><td>operators set it per key; adaptation takes over after the first segment</td></tr>
 * <tr><td>minStep</td><td>100</td><td>at most one store write per 100 IDs, however quiet</td></tr>
 * <tr><td>maxStep</td><td>1,000,000</td><td>a crash loses fewer than 2,000,000 values; at 1M IDs/s still one write a second</td></tr>
 * <tr><td>segmentDuration</td><td>1 min</td><td>a store write a minute is nothing; a store outage shorter than ~45 s goes unnoticed</td></tr>
 * <tr><td>refillAtUsedRatio</td><td>0.25</td><td>three quarters of a segment (~45 s at target) left for a fetch of milliseconds; earlier
 * (Leaf's 0.1) gains little and leaves the next segment idle longer, which a crash loses</td></tr>
 * <tr><td>maxWait</td><td>2 s</td><td>longer than a store's timeout (1 s), so a request outlives one failover</td></tr>
 * </table>
 * Stores: {@code timeout} 1 s (a single-row update; a frozen server must not hold the fetch for long),
 * {@code stride(1, 0)}, PostgreSQL {@code poolSize} 2 and {@code migrate(true)}, Redis {@code requireDurable(true)}.
 */
package io.idmint.segment;
