package io.idmint.node;

import java.util.Arrays;

/**
 * What {@code verify_ids} reports: whether the IDs are ascending, which appear more than once, and how many
 * collisions that makes (every occurrence after an ID's first: {@code [7, 7, 7]} is one duplicate, two collisions).
 */
record IdCheck(boolean sorted, long[] duplicates, long collisions) {
    static IdCheck of(long[] ids, int length) {
        boolean sorted = true;
        for (int i = 1; i < length && sorted; i++) {
            sorted = ids[i] >= ids[i - 1];
        }
        long[] copy = Arrays.copyOf(ids, length);
        Arrays.sort(copy);
        long[] dups = new long[length];
        int n = 0;
        long collisions = 0;
        for (int i = 1; i < length; i++) {
            if (copy[i] == copy[i - 1]) {
                collisions++;
                if (n == 0 || dups[n - 1] != copy[i]) {
                    dups[n++] = copy[i];
                }
            }
        }
        return new IdCheck(sorted, Arrays.copyOf(dups, n), collisions);
    }
}
