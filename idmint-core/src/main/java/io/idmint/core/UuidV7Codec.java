package io.idmint.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9562 UUIDv7 text and fields, with the node {@link UuidV7Generator} keeps in {@code rand_b}. */
final class UuidV7Codec implements IdCodec {
    static final UuidV7Codec INSTANCE = new UuidV7Codec();

    private UuidV7Codec() {}

    @Override
    public int words() {
        return 2;
    }

    @Override
    public String text(long[] ids, int index) {
        return Id128.from(ids, index).toUuidText();
    }

    @Override
    public long[] parse(String text) {
        Id128 id = Id128.parse(text);
        check(id, text);
        return new long[] {id.high(), id.low()};
    }

    private static void check(Id128 id, String text) {
        int version = (int) (id.high() >>> 12 & 0xF);
        int variant = (int) (id.low() >>> 62);
        if (version != 7 || variant != 2) {
            throw new InvalidIdException("not a UUIDv7: '" + text + "' has version " + version + " and variant bits "
                    + Integer.toBinaryString(variant) + "; a UUIDv7 has version 7 and variant bits 10 (RFC 9562)");
        }
    }

    @Override
    public Map<String, Object> describe(long[] words) {
        Id128 id = new Id128(words[0], words[1]);
        check(id, id.toUuidText());
        long unixMillis = id.high() >>> 16;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id.toUuidText());
        f.put("timestamp", IsoTimestamps.format(Instant.ofEpochMilli(unixMillis)));
        f.put("timestamp_ms", unixMillis);
        f.put("counter", (int) (id.high() & 0xFFF));
        f.put("node", UuidV7Generator.nodeOf(id.low()));
        f.put("version", 7);
        f.put("base32", id.toBase32());
        f.put("hex", id.toHex());
        return Collections.unmodifiableMap(f);
    }

    @Override
    public String toString() {
        return "IdCodec[uuid7]";
    }
}
