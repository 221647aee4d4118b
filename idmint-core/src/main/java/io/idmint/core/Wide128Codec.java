package io.idmint.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Wide128Generator}'s IDs: 64-bit Unix nanoseconds, 48-bit node, 16-bit sequence. */
final class Wide128Codec implements IdCodec {
    static final Wide128Codec INSTANCE = new Wide128Codec();

    private Wide128Codec() {}

    @Override
    public int words() {
        return 2;
    }

    @Override
    public String text(long[] ids, int index) {
        return Id128.from(ids, index).toBase32();
    }

    @Override
    public long[] parse(String text) {
        Id128 id = Id128.parse(text);
        return new long[] {id.high(), id.low()};
    }

    @Override
    public Map<String, Object> describe(long[] words) {
        Id128 id = new Id128(words[0], words[1]);
        long unixNanos = id.high();
        Instant at = Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L),
                Long.remainderUnsigned(unixNanos, 1_000_000_000L));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id.toBase32());
        f.put("timestamp", IsoTimestamps.format(at));
        f.put("timestamp_ns", Long.toUnsignedString(unixNanos));
        f.put("node", id.low() >>> 16);
        f.put("sequence", (int) (id.low() & 0xFFFF));
        f.put("uuid", id.toUuidText());
        f.put("hex", id.toHex());
        return Collections.unmodifiableMap(f);
    }

    @Override
    public String toString() {
        return "IdCodec[wide128]";
    }
}
