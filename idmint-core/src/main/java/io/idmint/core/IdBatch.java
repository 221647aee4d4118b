package io.idmint.core;

import java.util.Arrays;

/**
 * IDs issued together by {@link IdGenerator#nextIds(int)}: strictly increasing, unique, with the
 * highest sequence value the batch used (seed 003: ten IDs in one fresh tick give {@code maxSequence} 9).
 */
public final class IdBatch {
    private final long[] ids;
    private final int maxSequence;

    IdBatch(long[] ids, int maxSequence) {
        this.ids = ids;
        this.maxSequence = maxSequence;
    }

    public int size() {
        return ids.length;
    }

    public long get(int index) {
        return ids[index];
    }

    public long first() {
        return ids[0];
    }

    public long last() {
        return ids[ids.length - 1];
    }

    public int maxSequence() {
        return maxSequence;
    }

    /** A copy of the IDs. */
    public long[] toArray() {
        return ids.clone();
    }

    @Override
    public String toString() {
        return "IdBatch[size=" + ids.length + ", maxSequence=" + maxSequence + ", first=" + ids[0] + ", last="
                + ids[ids.length - 1] + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdBatch && ((IdBatch) o).maxSequence == maxSequence && Arrays.equals(((IdBatch) o).ids, ids);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + maxSequence;
    }
}
