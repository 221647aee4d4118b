package io.idmint.composition;

import io.idmint.config.SchemeSettings;
import io.idmint.core.IdCodec;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.segment.SegmentGenerator;
import io.idmint.segment.SegmentGeneratorBuilder;
import io.idmint.segment.SegmentStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Segment generators from their configuration: one store per URL, store {@code i} of {@code N} issuing the
 * values {@code ≡ i (mod N)}, then the generator over them, which owns and closes them. The only class of this
 * module that touches idmint-segment, so an application without segment generators needs none of its jars;
 * public because commands that read IDs or administer stores must see the stores as the generator does.
 */
public final class Segments {
    private Segments() {}

    /** How a segment generator's IDs are read without reaching its stores. */
    public static IdCodec codec(SchemeSettings.Segment s) {
        return SegmentGenerator.codec(s.bizTag(), Math.max(1, s.urls().size()));
    }

    /**
     * @throws io.idmint.segment.SegmentException RETRY_LATER when no store answers, PERMANENT when a store's
     *     row contradicts the configured stores
     */
    static NamedGenerator open(String name, SchemeSettings.Segment s) {
        List<SegmentStore> stores = stores(s);
        try {
            SegmentGeneratorBuilder b = SegmentGenerator.builder(name).bizTag(s.bizTag()).minStep((int) s.minStep())
                    .maxStep((int) s.maxStep()).segmentDuration(s.segmentDuration())
                    .refillAtUsedRatio(s.refillAtUsedRatio()).maxWait(s.maxWait()).closeStores(true);
            if (s.step() > 0) {
                b.initialStep((int) s.step());
            }
            stores.forEach(b::store);
            return b.build();
        } catch (RuntimeException e) {
            stores.forEach(SegmentStore::close);
            throw e;
        }
    }

    /** The configured stores, unopened connections: a store that is down does not stop the others. */
    public static List<SegmentStore> stores(SchemeSettings.Segment s) {
        int n = s.urls().size();
        List<SegmentStore> stores = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                stores.add(store(s, s.urls().get(i), n, i));
            }
        } catch (RuntimeException e) {
            stores.forEach(SegmentStore::close);
            throw e;
        }
        return stores;
    }

    private static SegmentStore store(SchemeSettings.Segment s, String url, int n, int i) {
        if (s.store().equals("redis")) {
            return SegmentStore.redis(url).stride(n, i).requireDurable(s.requireDurable()).build();
        }
        String password = s.passwordEnv() == null ? null : System.getenv(s.passwordEnv());
        return SegmentStore.postgres(url).user(s.user()).password(password).stride(n, i).build();
    }
}
