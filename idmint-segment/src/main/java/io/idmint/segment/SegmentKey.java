package io.idmint.segment;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One biz tag as a store holds it, for the admin views (CLI, HTTP).
 *
 * @param bizTag the key
 * @param nextValue the first value not handed out yet: every ID issued from this store is below it
 * @param step the step new generators start with (each generator then adapts its own)
 * @param stride how many stores share the value space
 * @param remainder this store's values are {@code ≡ remainder (mod stride)}
 * @param description free text
 * @param updatedAt when a segment was last taken or returned (or the key created)
 */
public record SegmentKey(String bizTag, long nextValue, int step, int stride, int remainder, String description,
                         Instant updatedAt) {

    /** The fields in display order, with snake_case names as the HTTP face prints them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("biz_tag", bizTag);
        m.put("next_value", nextValue);
        m.put("step", step);
        m.put("stride", stride);
        m.put("remainder", remainder);
        m.put("description", description);
        m.put("updated_at", updatedAt.toString());
        return Collections.unmodifiableMap(m);
    }
}
