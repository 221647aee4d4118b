package io.idmint.core;

import java.util.Locale;

/**
 * Text forms of a 64-bit ID. Every form round-trips exactly; base32 and hex are fixed-width so that
 * they sort lexicographically in ID order (as unsigned numbers).
 */
public enum IdFormat {
    /** Plain decimal, e.g. {@code 431963606540398592}; non-negative IDs only. */
    DECIMAL {
        @Override
        public String format(long id) {
            return Long.toUnsignedString(id);
        }

        @Override
        public long parse(String text) {
            checkText(text, "decimal", 1, 20);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    throw invalid(text, "decimal", "only digits 0-9 are allowed, found '" + text.charAt(i) + "' at " + i);
                }
            }
            try {
                return Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw invalid(text, "decimal", "it exceeds 64 bits (max " + Long.toUnsignedString(-1L) + ")");
            }
        }
    },
    /** Crockford base32, 13 characters, upper case, e.g. {@code 0BZ7RTM8G0000}. */
    BASE32 {
        @Override
        public String format(long id) {
            return CrockfordBase32.encode(id);
        }

        @Override
        public long parse(String text) {
            checkText(text, "base32", CrockfordBase32.LENGTH, CrockfordBase32.LENGTH);
            return CrockfordBase32.decode(text);
        }
    },
    /** Hexadecimal, 16 lower-case digits, e.g. {@code 05feb3d4a0800000}. */
    HEX {
        @Override
        public String format(long id) {
            String hex = Long.toHexString(id);
            return "0".repeat(16 - hex.length()) + hex;
        }

        @Override
        public long parse(String text) {
            checkText(text, "hex", 1, 16);
            for (int i = 0; i < text.length(); i++) {
                if (Character.digit(text.charAt(i), 16) < 0) {
                    throw invalid(text, "hex", "only 0-9 and a-f are allowed, found '" + text.charAt(i) + "' at " + i);
                }
            }
            return Long.parseUnsignedLong(text, 16);
        }
    };

    public abstract String format(long id);

    /** @throws InvalidIdException naming the text and what is wrong with it */
    public abstract long parse(String text);

    /**
     * The format named {@code decimal}, {@code base32} or {@code hex}, in any case.
     *
     * @throws InvalidRequestException naming the value and the choices
     */
    public static IdFormat named(String name) {
        for (IdFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new InvalidRequestException("format must be one of decimal, base32, hex: format=" + name);
    }

    /**
     * Reads an ID whose format is not given, by the one rule every face uses: {@code 0x} then hex digits
     * is hex; digits only is decimal; 13 symbols with a letter among them is base32. Thirteen digits are
     * both a decimal and a base32 ID, so they are refused with both readings named rather than guessed.
     *
     * @throws InvalidIdException naming the text and the forms accepted, or both readings when ambiguous
     */
    public static long parseAuto(String text) {
        checkText(text, "", 1, 20);
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return HEX.parse(text.substring(2));
        }
        boolean digitsOnly = text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digitsOnly && text.length() == CrockfordBase32.LENGTH) {
            throw new InvalidIdException("ambiguous ID '" + text + "': as decimal it is " + DECIMAL.parse(text)
                    + ", as base32 " + Long.toUnsignedString(BASE32.parse(text))
                    + "; name the format (decimal or base32) to decode it");
        }
        if (digitsOnly) {
            return DECIMAL.parse(text);
        }
        if (text.length() == CrockfordBase32.LENGTH) {
            return BASE32.parse(text);
        }
        throw invalid(text, "", "expected decimal digits, 13 base32 symbols or 0x-prefixed hex");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static void checkText(String text, String format, int minLength, int maxLength) {
        if (text == null) {
            throw new InvalidIdException((format.isEmpty() ? "an" : format) + " ID must not be null");
        }
        if (text.length() < minLength || text.length() > maxLength) {
            String range = minLength == maxLength ? String.valueOf(minLength) : minLength + ".." + maxLength;
            throw invalid(text, format, "length must be " + range + ": length=" + text.length());
        }
    }

    /** {@code not a hex ID: 'xyz': ...}; with an empty {@code format}, {@code not an ID: ...}. */
    static InvalidIdException invalid(String text, String format, String why) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new InvalidIdException((format.isEmpty() ? "not an ID" : "not a " + format + " ID") + ": '" + shown + "': " + why);
    }
}
