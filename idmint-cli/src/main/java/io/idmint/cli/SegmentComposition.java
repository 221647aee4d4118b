package io.idmint.cli;

import io.idmint.config.SchemeSettings;
import io.idmint.core.IdCodec;
import io.idmint.core.TimeSource;
import io.idmint.core.issuing.NamedGenerator;

/** Segment generators from their configuration: the stores, then the generator over them. */
final class SegmentComposition {
    private SegmentComposition() {}

    /** How inspect reads a segment ID without a store: it is a plain counter value. */
    static IdCodec plainCodec() {
        throw new UnsupportedOperationException("segment scheme: not wired yet");
    }

    static NamedGenerator open(String name, SchemeSettings.Segment s, TimeSource time) {
        throw new UnsupportedOperationException("segment scheme: not wired yet (" + name + ", " + s + ", " + time + ")");
    }
}
