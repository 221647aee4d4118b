package io.idmint.core;

/**
 * Crockford's base32 for 64-bit values: 13 symbols, most significant first. The alphabet is in ASCII
 * order, so fixed-width strings sort as their unsigned values. Decoding is case-insensitive and maps
 * {@code I}/{@code L} to 1 and {@code O} to 0, as the spec asks.
 */
final class CrockfordBase32 {
    static final int LENGTH = 13;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            VALUES[Character.toLowerCase(ALPHABET[i])] = (byte) i;
        }
        VALUES['I'] = VALUES['i'] = VALUES['L'] = VALUES['l'] = 1;
        VALUES['O'] = VALUES['o'] = 0;
    }

    private CrockfordBase32() {}

    static String encode(long value) {
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        return new String(out);
    }

    /** The symbol's value (0-31), or -1 when it is not one. */
    static int valueOf(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    /** Decodes exactly {@link #LENGTH} symbols. */
    static long decode(String text) {
        long value = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw IdFormat.invalid(text, "base32", "'" + c + "' at " + i + " is not a Crockford base32 symbol");
            }
            if (i == 0 && v > 15) {
                throw IdFormat.invalid(text, "base32", "it exceeds 64 bits: the first symbol must be 0-F");
            }
            value = value << 5 | v;
        }
        return value;
    }
}
