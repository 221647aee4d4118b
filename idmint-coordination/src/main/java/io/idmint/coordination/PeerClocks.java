package io.idmint.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates this process's clock minus its peers' from the wall times their lease records carry. A live
 * holder rewrites its record at least every renewal interval, and the write takes at most the operation
 * timeout, so a record read at local time {@code t} that says it was written at peer time {@code w} bounds
 * "ours minus theirs" to {@code [t - w - maxAge, t - w]}. Successive reads of one peer are intersected,
 * which narrows the bound as the reads fall at different phases of its renewals; when they stop agreeing
 * (a clock was stepped) the newest read starts over. Thread-safe.
 */
final class PeerClocks {
    /** One peer's bound, in milliseconds of "ours minus theirs". */
    private record Bound(long low, long high) {
        long middle() {
            return low + (high - low) / 2;
        }
    }

    /** What is known: the median over peers and how far off it may be. */
    record Estimate(long offsetMillis, long errorMillis, int peers) {}

    private final long maxAgeMillis;
    private final Map<String, Bound> bounds = new ConcurrentHashMap<>();

    PeerClocks(long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
    }

    /** A peer's record, read back by {@code localReadMillis} on this process's clock. */
    void observe(String holder, long writtenAtMillis, long localReadMillis) {
        Bound now = new Bound(localReadMillis - writtenAtMillis - maxAgeMillis, localReadMillis - writtenAtMillis);
        bounds.merge(holder, now, (old, fresh) -> {
            long low = Math.max(old.low(), fresh.low());
            long high = Math.min(old.high(), fresh.high());
            return low <= high ? new Bound(low, high) : fresh;
        });
    }

    /** Forgets a peer that no longer holds anything in the pool. */
    void forget(String holder) {
        bounds.remove(holder);
    }

    /** The median of the peers' bounds' middles, with the median of their half-widths; null while none was seen. */
    Estimate estimate() {
        List<Bound> all = new ArrayList<>(bounds.values());
        if (all.isEmpty()) {
            return null;
        }
        long[] middles = all.stream().mapToLong(Bound::middle).sorted().toArray();
        long[] halfWidths = all.stream().mapToLong(b -> (b.high() - b.low() + 1) / 2).sorted().toArray();
        return new Estimate(middles[middles.length / 2], halfWidths[halfWidths.length / 2], all.size());
    }
}
