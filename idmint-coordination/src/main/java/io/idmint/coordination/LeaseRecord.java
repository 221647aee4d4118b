package io.idmint.coordination;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the coordinator keeps per worker ID, beside the ephemeral owner: the claim count (fencing
 * epoch), the reservation (no holder of this ID issued a timestamp after {@code reservedUntilMillis}),
 * and when the last holder wrote or released it, for the recycle delay. Every claim rewrites it, so its
 * version fences a holder whose ID moved on.
 *
 * @param releasedAtMillis when the holder handed the ID back, or -1 while held or after a crash
 */
record LeaseRecord(long epoch, long reservedUntilMillis, long writtenAtMillis, long releasedAtMillis, String holder) {
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("lease record cannot be written as JSON: " + this, e);
        }
    }

    static LeaseRecord fromJson(byte[] json, String where) {
        try {
            return JSON.readValue(json, LeaseRecord.class);
        } catch (IOException e) {
            throw new CoordinationException("unreadable lease record at " + where + ": " + e.getMessage()
                    + "; it was not written by idmint: remove it only if no process uses this worker ID", e);
        }
    }

    /**
     * The earliest wall time a new holder may claim the ID. A crashed holder's owner entry vanishes at most
     * one TTL after its last renewal, which came at most one renewal interval after its last write.
     */
    long freeAfterMillis(long ttlMillis, long renewIntervalMillis, long recycleDelayMillis) {
        return releasedAtMillis >= 0 ? releasedAtMillis + recycleDelayMillis
                : writtenAtMillis + renewIntervalMillis + ttlMillis + recycleDelayMillis;
    }
}
