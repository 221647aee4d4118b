package io.idmint.core;

import java.util.Map;

/**
 * How one scheme's IDs look as text and what they carry. A 64-bit ID is one {@code long}; a 128-bit ID is
 * two, most significant first, so an array of {@code n} IDs holds {@code n * words()} longs. Every face
 * (HTTP, gRPC, the node, the CLI) prints and reads IDs through the codec of the generator that issued
 * them, so they agree on text forms and field names.
 */
public interface IdCodec {
    /** 1 for 64-bit IDs, 2 for 128-bit ones. */
    int words();

    /** The canonical text of the {@code index}-th ID in {@code ids}: decimal, a UUID, or 26 base32 symbols. */
    String text(long[] ids, int index);

    /**
     * Reads an ID in any text form this codec knows, as {@link #words()} longs.
     *
     * @throws InvalidIdException naming the text and the forms accepted
     */
    long[] parse(String text);

    /**
     * The parts of the ID in {@code id[0..words())}, in display order, starting with {@code id} (its
     * canonical text, or a Long for 64-bit IDs). Values are Long, Integer or String; unmodifiable.
     *
     * @throws InvalidIdException when the value cannot be an ID of this codec
     */
    Map<String, Object> describe(long[] id);

    /** 64-bit IDs of {@code layout} (Snowflake, HLC): decimal text; reads decimal, base32 and hex. */
    static IdCodec of(BitLayout layout) {
        return new LayoutCodec(Preconditions.checkNotNull("layout", layout));
    }

    /** RFC 9562 UUIDv7 as {@link UuidV7Generator} composes it: UUID text; reads UUID, base32 and hex. */
    static IdCodec uuidV7() {
        return UuidV7Codec.INSTANCE;
    }

    /** {@link Wide128Generator}'s IDs: 26 base32 symbols; reads base32, UUID and hex. */
    static IdCodec wide128() {
        return Wide128Codec.INSTANCE;
    }
}
