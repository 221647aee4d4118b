package io.idmint.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ID split into its parts by {@link BitLayout#decode(long)}. {@link #fields()} is the one rendering
 * every face shows (the CLI, HTTP, gRPC and the node), so they agree on names, order and text forms.
 */
public record DecodedId(long id, Instant timestamp, int datacenter, int worker, int sequence, String layout) {
    /** The timestamp as {@link IsoTimestamps} prints it. */
    public String isoTimestamp() {
        return IsoTimestamps.format(timestamp);
    }

    /**
     * The parts in display order: {@code id} (Long), {@code timestamp} (ISO text), {@code timestamp_ms},
     * {@code datacenter}, {@code worker}, {@code sequence}, {@code layout}, {@code base32}, {@code hex}.
     * Values are {@link Long}, {@link Integer} or {@link String}; the map is unmodifiable.
     */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("timestamp", isoTimestamp());
        f.put("timestamp_ms", timestamp.toEpochMilli());
        f.put("datacenter", datacenter);
        f.put("worker", worker);
        f.put("sequence", sequence);
        f.put("layout", layout);
        f.put("base32", IdFormat.BASE32.format(id));
        f.put("hex", IdFormat.HEX.format(id));
        return Collections.unmodifiableMap(f);
    }
}
