package io.idmint.segment;

import io.idmint.core.IdCodec;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidIdException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Segment IDs are plain non-negative longs with nothing inside them but, with several stores, the store that
 * issued them ({@code id mod N}): canonical text decimal, read as decimal only (a 13-digit decimal ID is common
 * here and must not be mistaken for base32, so {@link IdFormat#parseAuto} is not used).
 */
final class SegmentCodec implements IdCodec {
    private final String bizTag;
    private final int stride;

    SegmentCodec(String bizTag, int stride) {
        this.bizTag = bizTag;
        this.stride = stride;
    }

    @Override
    public int words() {
        return 1;
    }

    @Override
    public String text(long[] ids, int index) {
        return Long.toString(ids[index]);
    }

    @Override
    public long[] parse(String text) {
        long id = IdFormat.DECIMAL.parse(text);
        check(id, text);
        return new long[] {id};
    }

    private static void check(long id, String text) {
        if (id < 0) {
            throw new InvalidIdException("not a segment ID: '" + text + "': segment IDs are 0.." + Long.MAX_VALUE);
        }
    }

    @Override
    public Map<String, Object> describe(long[] id) {
        check(id[0], Long.toUnsignedString(id[0]));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id[0]);
        m.put("scheme", "segment");
        m.put("biz_tag", bizTag);
        if (stride > 1) {
            m.put("store", (int) (id[0] % stride));
            m.put("stores", stride);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "IdCodec[segment " + bizTag + (stride > 1 ? ", " + stride + " stores" : "") + "]";
    }
}
