package io.idmint.node;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The string values of the current token, reused when they repeat: clients send the same {@code src},
 * {@code dest} and {@code type} on every line, and a new String for each was most of what a request
 * allocated. A small direct-mapped cache of short values, compared character by character, so a hit never
 * returns a wrong value; a miss costs one String, as before. Not thread-safe: one per parser.
 */
final class RecentStrings {
    private static final int SLOTS = 256;
    private static final int MAX_CACHED_LENGTH = 64;
    private final String[] slots = new String[SLOTS];

    /** The current token's text, as {@link JsonParser#getText()} would return it. */
    String text(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length > MAX_CACHED_LENGTH) {
            return new String(chars, offset, length);
        }
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[offset + i];
        }
        int slot = (h ^ h >>> 16) & (SLOTS - 1);
        String s = slots[slot];
        if (s != null && equal(s, chars, offset, length)) {
            return s;
        }
        s = new String(chars, offset, length);
        slots[slot] = s;
        return s;
    }

    private static boolean equal(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
