package io.idmint.benchmarks.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The uniqueness check of one pass, exact and cheap: every thread's IDs must strictly increase (the segment
 * generator promises that per thread), and a merge of the threads' sorted runs then finds any ID issued twice
 * in one linear pass, without sorting 40 million values. Should a thread's IDs not increase, the check falls back
 * to sorting a copy of everything, so duplicates are still counted.
 */
final class IdCheck {
    private IdCheck() {
    }

    /** What the check found; {@code skipped} = values in [min, max] that no ID took (segments' unused ends). */
    record Verdict(long ids, long notIncreasing, long duplicates, long min, long max, String firstProblem) {
        boolean ok() {
            return notIncreasing == 0 && duplicates == 0;
        }

        long skipped() {
            return ids == 0 ? 0 : max - min + 1 - (ids - duplicates);
        }

        String describe() {
            if (ok()) {
                return String.format(Locale.ROOT, "%,d IDs, all distinct (each thread's strictly increasing, the threads'"
                        + " runs merged); range %,d..%,d, %,d values in it unused", ids, min, max, skipped());
            }
            return String.format(Locale.ROOT, "UNIQUENESS FAILED: %,d duplicate IDs, %,d places where a thread's IDs did"
                    + " not increase; first: %s", duplicates, notIncreasing, firstProblem);
        }
    }

    static Verdict check(List<long[]> perThread) {
        long total = 0;
        long notIncreasing = 0;
        String first = null;
        for (int t = 0; t < perThread.size(); t++) {
            long[] ids = perThread.get(t);
            total += ids.length;
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] <= ids[i - 1]) {
                    notIncreasing++;
                    if (first == null) {
                        first = "thread " + t + " issued " + ids[i] + " after " + ids[i - 1];
                    }
                }
            }
        }
        long[] dup = notIncreasing == 0 ? merge(perThread) : sortAndCount(perThread, total);
        if (dup[0] > 0 && first == null) {
            first = "ID " + dup[1] + " issued twice";
        }
        return new Verdict(total, notIncreasing, dup[0], dup[2], dup[3], first);
    }

    /** Merges strictly increasing runs; returns {duplicates, first duplicate, min, max}. */
    private static long[] merge(List<long[]> runs) {
        int k = runs.size();
        int[] at = new int[k];
        long dups = 0;
        long firstDup = 0;
        long prev = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        boolean any = false;
        while (true) {
            int best = -1;
            for (int t = 0; t < k; t++) {
                if (at[t] < runs.get(t).length && (best < 0 || runs.get(t)[at[t]] < runs.get(best)[at[best]])) {
                    best = t;
                }
            }
            if (best < 0) {
                return new long[] {dups, firstDup, any ? min : 0, any ? prev : 0};
            }
            long v = runs.get(best)[at[best]++];
            if (any && v == prev && dups++ == 0) {
                firstDup = v;
            }
            min = Math.min(min, v);
            prev = v;
            any = true;
        }
    }

    private static long[] sortAndCount(List<long[]> runs, long total) {
        long[] all = new long[Math.toIntExact(total)];
        int at = 0;
        for (long[] r : runs) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        Arrays.parallelSort(all);
        long dups = 0;
        long firstDup = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1] && dups++ == 0) {
                firstDup = all[i];
            }
        }
        return new long[] {dups, firstDup, all.length == 0 ? 0 : all[0], all.length == 0 ? 0 : all[all.length - 1]};
    }
}
