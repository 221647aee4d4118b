package io.idmint.core;

import java.util.Map;

/** 64-bit IDs of one layout. */
final class LayoutCodec implements IdCodec {
    private final BitLayout layout;

    LayoutCodec(BitLayout layout) {
        this.layout = layout;
    }

    @Override
    public int words() {
        return 1;
    }

    @Override
    public String text(long[] ids, int index) {
        return Long.toUnsignedString(ids[index]);
    }

    @Override
    public long[] parse(String text) {
        return new long[] {IdFormat.parseAuto(text)};
    }

    @Override
    public Map<String, Object> describe(long[] id) {
        return layout.decode(id[0]).fields();
    }

    @Override
    public String toString() {
        return "IdCodec[" + layout.name() + "]";
    }
}
