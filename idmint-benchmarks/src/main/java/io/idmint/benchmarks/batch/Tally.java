package io.idmint.benchmarks.batch;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one load worker (one gRPC stream or one HTTP connection) received: the running ID and batch
 * counts, read by the main thread for the measurement window, and the evidence for the uniqueness check.
 *
 * <p>Only one thread at a time writes a tally (gRPC delivers a call's messages serially; an HTTP worker
 * has one request in flight), with a happens-before edge between successive writers, so the arrays need
 * no lock. The counters are atomics because the main thread reads them while the worker runs.
 *
 * <p>Uniqueness evidence: every batch must hold the expected number of IDs, strictly increasing (so no
 * duplicate inside a batch); the first IDs of all batches are kept; and every ID whose hash falls in a
 * fixed 1/{@value #SAMPLE_ONE_IN} slice is kept. Because the slice is chosen by hash, both copies of a
 * duplicated ID land in it together, so the sample catches about 1/{@value #SAMPLE_ONE_IN} of all
 * cross-batch duplicates without storing hundreds of millions of IDs.
 */
final class Tally {
    static final int SAMPLE_ONE_IN = 64;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int SAMPLE_SHIFT = 64 - Integer.numberOfTrailingZeros(SAMPLE_ONE_IN);

    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private long[] firsts = new long[1024];
    private int firstCount;
    private long[] sample = new long[1 << 16];
    private int sampleCount;
    private long badBatches;
    private String firstProblem;

    /** Whether {@code id} belongs to the uniqueness sample; cheap enough for every ID. */
    static boolean sampled(long id) {
        return (id * MIX) >>> SAMPLE_SHIFT == 0;
    }

    void addSample(long id) {
        if (sampleCount == sample.length) {
            sample = Arrays.copyOf(sample, sample.length * 2);
        }
        sample[sampleCount++] = id;
    }

    /**
     * One complete batch: {@code count} IDs parsed, starting at {@code first}. Counts only when the batch
     * is well-formed; otherwise records the problem.
     */
    void batch(long first, long count, long expected, boolean increasing, String problem) {
        if (problem != null || count != expected || !increasing) {
            badBatches++;
            if (firstProblem == null) {
                firstProblem = problem != null ? problem
                        : count != expected ? "batch of " + count + " IDs, expected " + expected
                        : "IDs not strictly increasing within a batch starting at " + first;
            }
            return;
        }
        if (firstCount == firsts.length) {
            firsts = Arrays.copyOf(firsts, firsts.length * 2);
        }
        firsts[firstCount++] = first;
        batches.incrementAndGet();
        ids.addAndGet(count);
    }

    long ids() {
        return ids.get();
    }

    long batches() {
        return batches.get();
    }

    long badBatches() {
        return badBatches;
    }

    String firstProblem() {
        return firstProblem;
    }

    /** Merges the evidence of all tallies; call after every worker has stopped. */
    static Verdict verify(Iterable<Tally> tallies) {
        int firstTotal = 0;
        int sampleTotal = 0;
        long bad = 0;
        String problem = null;
        for (Tally t : tallies) {
            firstTotal += t.firstCount;
            sampleTotal += t.sampleCount;
            bad += t.badBatches;
            if (problem == null) {
                problem = t.firstProblem;
            }
        }
        long[] allFirsts = new long[firstTotal];
        long[] allSample = new long[sampleTotal];
        int f = 0;
        int s = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.firsts, 0, allFirsts, f, t.firstCount);
            f += t.firstCount;
            System.arraycopy(t.sample, 0, allSample, s, t.sampleCount);
            s += t.sampleCount;
        }
        long dupFirsts = duplicates(allFirsts);
        long dupSample = duplicates(allSample);
        return new Verdict(firstTotal, sampleTotal, bad, dupFirsts, dupSample, problem);
    }

    private static long duplicates(long[] values) {
        Arrays.parallelSort(values);
        long dups = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] == values[i - 1]) {
                dups++;
            }
        }
        return dups;
    }

    /** The uniqueness check's outcome over a whole scenario, warm-up included. */
    record Verdict(long batches, long sampled, long badBatches, long duplicateFirsts, long duplicateSampled,
                   String firstProblem) {
        boolean ok() {
            return badBatches == 0 && duplicateFirsts == 0 && duplicateSampled == 0 && batches > 0;
        }

        String describe() {
            if (ok()) {
                return String.format(java.util.Locale.ROOT, "verified: %,d batches of the requested size, each strictly"
                        + " increasing; their first IDs distinct; %,d sampled IDs (1 in %d by hash) distinct",
                        batches, sampled, SAMPLE_ONE_IN);
            }
            return String.format(java.util.Locale.ROOT, "VERIFICATION FAILED: %,d malformed batches%s, %,d duplicate"
                            + " batch first IDs, %,d duplicates among %,d sampled IDs%s", badBatches,
                    firstProblem == null ? "" : " (first: " + firstProblem + ")", duplicateFirsts, duplicateSampled,
                    sampled, batches == 0 ? ", no batch received" : "");
        }
    }
}
