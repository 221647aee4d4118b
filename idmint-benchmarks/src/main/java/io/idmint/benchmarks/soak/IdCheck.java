package io.idmint.benchmarks.soak;

import java.util.Arrays;
import java.util.List;

/**
 * The uniqueness check over every ID the soak received, from both transports: all of them in one
 * primitive array, sorted, then equal neighbours counted. Sorting 6 million longs takes well under a
 * second, far less than a hash set's memory and boxing would cost.
 */
final class IdCheck {
    private static final int EXAMPLES = 3;

    /** {@code duplicates}: IDs that equal the one before them in sorted order (an ID seen 3 times counts 2). */
    record Result(long ids, long duplicates, long[] examples) {}

    private IdCheck() {}

    static Result check(List<LongList> lists) {
        long total = 0;
        for (LongList list : lists) {
            total += list.size();
        }
        long[] all = new long[Math.toIntExact(total)];
        int offset = 0;
        for (LongList list : lists) {
            offset = list.copyTo(all, offset);
        }
        Arrays.sort(all);
        long duplicates = 0;
        long[] examples = new long[EXAMPLES];
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                if (duplicates < EXAMPLES) {
                    examples[(int) duplicates] = all[i];
                }
                duplicates++;
            }
        }
        return new Result(all.length, duplicates, Arrays.copyOf(examples, (int) Math.min(duplicates, EXAMPLES)));
    }
}
