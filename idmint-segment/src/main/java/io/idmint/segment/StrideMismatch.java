package io.idmint.segment;

/** The refusal when a store's configured stride or remainder differs from what the key's row recorded. */
final class StrideMismatch {
    private StrideMismatch() {}

    static SegmentException of(String bizTag, String location, SegmentKey row, int stride, int remainder) {
        return of(bizTag, location, row.stride(), row.remainder(), stride, remainder);
    }

    static SegmentException of(String bizTag, String location, long rowStride, long rowRemainder, int stride, int remainder) {
        return SegmentException.refused("biz tag '" + bizTag + "' on segment store " + location + " was created with stride "
                + rowStride + " and remainder " + rowRemainder + ", but the store is configured with stride " + stride
                + " and remainder " + remainder + ": changing how many stores share a biz tag, or which remainder a store"
                + " holds, would hand out values another store has issued (duplicate IDs); configure the store as its"
                + " rows say, or start a new biz tag", null);
    }
}
