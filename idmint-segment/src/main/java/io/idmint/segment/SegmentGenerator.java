package io.idmint.segment;

import io.idmint.core.IdCodec;
import io.idmint.core.issuing.NamedGenerator;
import java.util.Map;

/**
 * The ticket-server / segment scheme (Flickr's ticket servers, Meituan's Leaf segment mode, Didi's tinyid):
 * IDs are plain increasing numbers a generator hands out from segments it takes from a {@link SegmentStore}
 * (PostgreSQL or Redis), one store round trip per segment instead of per ID. Build one with
 * {@link #builder(String)}.
 *
 * <pre>{@code
 * SegmentGenerator orders = SegmentGenerator.builder("orders")
 *         .store(SegmentStore.postgres("jdbc:postgresql://db1:5432/ids").user("idmint").build())
 *         .build();
 * long[] ids = new long[10];
 * orders.issue(ids, 0, BatchSize.of(10));
 * }</pre>
 *
 * <p><b>Double buffer.</b> While the current segment is used, once {@code refillAtUsedRatio} of it is gone, one
 * background fetch (never more than one at a time) takes the next segment, so a burst does not wait on the
 * store. Only when both are used up does a caller wait, at most {@code maxWait}, and then fail with
 * {@link SegmentException} (RETRY_LATER) naming the biz tag, the store's error and the wait; an error value is
 * never returned as an ID. {@link #tryIssue} never waits: it returns -1 instead.
 *
 * <p><b>Ordering.</b> A new segment is taken with the end of the current one as its floor, so it lies entirely
 * above it even when it comes from another store (several stores: tinyid's multi-database mode). The IDs one
 * thread receives therefore strictly increase, across segments and stores; IDs of different threads
 * interleave. Across generators (processes) sharing a biz tag, IDs are unique but only roughly ordered: each
 * holds its own segments.
 *
 * <p><b>What is lost.</b> Values taken but never issued are skipped, never reissued. {@link #close()} returns
 * the unused rest of its segments to the store with a compare-and-set that succeeds only if nobody took a
 * segment since (the next generator then starts exactly there); otherwise the rest is lost and counted
 * ({@code idmint_segment_ids_lost_at_close}). A crash (kill -9) loses at most the unused rest of the current
 * segment and the whole next segment if one was fetched: fewer than {@code 2 * maxStep} values (measured in
 * CrashTest: step 1,000, a process killed a quarter into its third segment, the next process starts 1,500
 * values above the last ID issued).
 *
 * <p><b>Concurrency.</b> Assumes: any number of threads call any method at once; stores hold what they
 * acknowledged (see {@link SegmentStore}). Guarantees: no ID is issued twice, by this generator or any other
 * sharing the biz tag and stores, across restarts and crashes; issuing from a buffered segment is lock-free
 * (one compare-and-set per batch, a batch of {@code count} IDs taking {@code count} consecutive values, which
 * may span the end of one segment and the start of the next); IDs within a batch strictly increase; a caller
 * waits only when both segments are used up, for at most {@code maxWait}.
 */
public interface SegmentGenerator extends NamedGenerator {
    /** A generator served under {@code name}; its biz tag is the name unless {@link SegmentGeneratorBuilder#bizTag} says otherwise. */
    static SegmentGeneratorBuilder builder(String name) {
        return new SegmentGeneratorBuilder(name);
    }

    /**
     * How the IDs of a generator over {@code stores} stores for {@code bizTag} read and describe, without
     * opening one: what {@code inspect} uses offline.
     */
    static IdCodec codec(String bizTag, int stores) {
        return new SegmentCodec(SegmentStore.checkBizTag(bizTag), stores);
    }

    /** The key this generator takes its segments under. */
    String bizTag();

    /**
     * What operators need to see, in display order: biz tag, stores (location, stride, remainder,
     * reachability, fetches, failures, last error), the current segment (first, last, next ID, remaining), the
     * next segment if loaded, the step and its bounds, fetches, failures and what close returned or lost.
     * Values are String, Number, Boolean, lists or maps of them; unmodifiable.
     */
    Map<String, Object> details();
}
