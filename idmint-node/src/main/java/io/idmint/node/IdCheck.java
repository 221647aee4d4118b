package io.idmint.node;

import java.util.Arrays;

/** What {@code verify_ids} reports: whether the IDs are ascending, and which appear more than once. */
record IdCheck(boolean sorted, long[] duplicates) {
    static IdCheck of(long[] ids, int length) {
        boolean sorted = true;
        for (int i = 1; i < length && sorted; i++) {
            sorted = ids[i] >= ids[i - 1];
        }
        long[] copy = Arrays.copyOf(ids, length);
        Arrays.sort(copy);
        long[] dups = new long[length];
        int n = 0;
        for (int i = 1; i < length; i++) {
            if (copy[i] == copy[i - 1] && (n == 0 || dups[n - 1] != copy[i])) {
                dups[n++] = copy[i];
            }
        }
        return new IdCheck(sorted, Arrays.copyOf(dups, n));
    }
}
