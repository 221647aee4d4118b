package io.idmint.core;

import java.util.UUID;

/**
 * A 128-bit ID as two unsigned 64-bit words, most significant first. It orders as its unsigned value, and
 * so do its fixed-width text forms ({@link #toBase32()}, {@link #toHex()}, {@link #toUuidText()}), so a
 * database sorting the text keeps the IDs' order. Immutable.
 */
public record Id128(long high, long low) implements Comparable<Id128> {
    /** Symbols of {@link #toBase32()}: 26 × 5 bits hold 128, the first symbol carrying the top 3 (0-7). */
    public static final int BASE32_LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public static Id128 from(UUID uuid) {
        return new Id128(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** The {@code index}-th ID of an array that holds two words per ID. */
    public static Id128 from(long[] words, int index) {
        return new Id128(words[2 * index], words[2 * index + 1]);
    }

    public UUID toUuid() {
        return new UUID(high, low);
    }

    /** The UUID form, 36 lower-case characters, e.g. {@code 017f22e2-79b0-7cc3-98c4-dc0c0c07398f}. */
    public String toUuidText() {
        return toUuid().toString();
    }

    /** 32 lower-case hex digits. */
    public String toHex() {
        return hex16(high) + hex16(low);
    }

    private static String hex16(long word) {
        String hex = Long.toHexString(word);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Crockford base32, {@value #BASE32_LENGTH} upper-case symbols, e.g. {@code 01FWHE4YDGFK1SHH6W1G60EECF}. */
    public String toBase32() {
        char[] out = new char[BASE32_LENGTH];
        long hi = high;
        long lo = low;
        for (int i = BASE32_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = lo >>> 5 | hi << 59;
            hi >>>= 5;
        }
        return new String(out);
    }

    /**
     * Reads any of the text forms: a UUID (36 characters with dashes), {@value #BASE32_LENGTH} base32
     * symbols, or 32 hex digits (optionally {@code 0x}-prefixed).
     *
     * @throws InvalidIdException naming the text and the forms accepted
     */
    public static Id128 parse(String text) {
        if (text == null) {
            throw new InvalidIdException("a 128-bit ID must not be null");
        }
        if (text.length() == 36 && text.charAt(8) == '-') {
            return parseUuid(text);
        }
        if (text.length() == BASE32_LENGTH) {
            return parseBase32(text);
        }
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (hex.length() == 32) {
            return parseHex(hex);
        }
        throw new InvalidIdException("not a 128-bit ID: '" + text + "' (length " + text.length() + "); expected a UUID"
                + " (36 characters, 8-4-4-4-12), " + BASE32_LENGTH + " base32 symbols or 32 hex digits");
    }

    /** @throws InvalidIdException naming the text when it is not 8-4-4-4-12 hex digits */
    public static Id128 parseUuid(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            throw new InvalidIdException("not a UUID: '" + text + "'; expected 8-4-4-4-12 hex digits");
        }
        return parseHex(text.substring(0, 8) + text.substring(9, 13) + text.substring(14, 18) + text.substring(19, 23)
                + text.substring(24));
    }

    /** @throws InvalidIdException naming the text when it is not 32 hex digits */
    public static Id128 parseHex(String text) {
        if (text.length() != 32) {
            throw new InvalidIdException("not a 128-bit hex ID: '" + text + "' has " + text.length() + " digits, not 32");
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new InvalidIdException("not a 128-bit hex ID: '" + text + "': '" + text.charAt(i) + "' at " + i
                        + " is not a hex digit");
            }
        }
        return new Id128(Long.parseUnsignedLong(text, 0, 16, 16), Long.parseUnsignedLong(text, 16, 32, 16));
    }

    /** @throws InvalidIdException naming the text when it is not {@value #BASE32_LENGTH} base32 symbols within 128 bits */
    public static Id128 parseBase32(String text) {
        if (text.length() != BASE32_LENGTH) {
            throw new InvalidIdException("not a 128-bit base32 ID: '" + text + "' has " + text.length() + " symbols, not "
                    + BASE32_LENGTH);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < BASE32_LENGTH; i++) {
            int v = CrockfordBase32.valueOf(text.charAt(i));
            if (v < 0) {
                throw new InvalidIdException("not a 128-bit base32 ID: '" + text + "': '" + text.charAt(i) + "' at " + i
                        + " is not a Crockford base32 symbol");
            }
            if (i == 0 && v > 7) {
                throw new InvalidIdException("not a 128-bit base32 ID: '" + text + "' exceeds 128 bits: the first symbol"
                        + " must be 0-7");
            }
            hi = hi << 5 | lo >>> 59;
            lo = lo << 5 | v;
        }
        return new Id128(hi, lo);
    }

    /** Writes both words at the {@code index}-th position of an array that holds two words per ID. */
    public void to(long[] words, int index) {
        words[2 * index] = high;
        words[2 * index + 1] = low;
    }

    @Override
    public int compareTo(Id128 other) {
        int c = Long.compareUnsigned(high, other.high);
        return c != 0 ? c : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
