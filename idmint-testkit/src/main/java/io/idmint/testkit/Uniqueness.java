package io.idmint.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The sort-and-count check every uniqueness test runs: exact, O(n log n), no boxing. */
public final class Uniqueness {
    private Uniqueness() {}

    /** The values that occur more than once in {@code ids}, each once, ascending; {@code ids} is not changed. */
    public static long[] duplicates(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        List<Long> dups = new ArrayList<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1] && (dups.isEmpty() || dups.get(dups.size() - 1) != sorted[i])) {
                dups.add(sorted[i]);
            }
        }
        return dups.stream().mapToLong(Long::longValue).toArray();
    }

    /** @throws AssertionError naming how many values repeat and the first few of them */
    public static void assertAllUnique(long[] ids) {
        long[] dups = duplicates(ids);
        if (dups.length > 0) {
            throw new AssertionError(dups.length + " of " + ids.length + " IDs occur more than once, e.g. "
                    + Arrays.toString(Arrays.copyOf(dups, Math.min(5, dups.length))));
        }
    }

    /** Every array joined into one, in order. */
    public static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
