package io.idmint.server.http;

import io.idmint.core.Id128;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.NamedGenerator;

/**
 * How an ID appears in a JSON response. {@code string} is the generator's canonical text (decimal, a UUID,
 * or 26 base32 symbols); the others name one form. 64-bit IDs are written from the long without a codec
 * call: the hot path.
 */
enum IdText {
    STRING {
        @Override
        void append(AsciiJson out, long[] ids, int index, NamedGenerator g) {
            if (g.codec().words() == 1) {
                out.raw('"').number(ids[index]).raw('"');
            } else {
                out.raw('"').raw(g.codec().text(ids, index)).raw('"');
            }
        }
    },
    NUMBER {
        @Override
        void append(AsciiJson out, long[] ids, int index, NamedGenerator g) {
            out.number(ids[index]);
        }
    },
    BASE32 {
        @Override
        void append(AsciiJson out, long[] ids, int index, NamedGenerator g) {
            String text = g.codec().words() == 1 ? IdFormat.BASE32.format(ids[index]) : Id128.from(ids, index).toBase32();
            out.raw('"').raw(text).raw('"');
        }
    },
    HEX {
        @Override
        void append(AsciiJson out, long[] ids, int index, NamedGenerator g) {
            String text = g.codec().words() == 1 ? IdFormat.HEX.format(ids[index]) : Id128.from(ids, index).toHex();
            out.raw('"').raw(text).raw('"');
        }
    },
    UUID {
        @Override
        void append(AsciiJson out, long[] ids, int index, NamedGenerator g) {
            out.raw('"').raw(Id128.from(ids, index).toUuidText()).raw('"');
        }
    };

    abstract void append(AsciiJson out, long[] ids, int index, NamedGenerator g);

    /**
     * The form named {@code name} for {@code g}'s IDs.
     *
     * @throws InvalidRequestException naming the value and the choices, or why the form does not fit the IDs
     */
    static IdText named(String name, NamedGenerator g) {
        for (IdText t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                boolean wide = g.codec().words() == 2;
                if (t == NUMBER && wide || t == UUID && !wide) {
                    throw new InvalidRequestException("format " + t.name().toLowerCase(java.util.Locale.ROOT) + " needs "
                            + (wide ? "64-bit" : "128-bit") + " IDs; generator " + g.name() + " (scheme " + g.scheme()
                            + ") issues " + (wide ? 128 : 64) + "-bit ones: format=" + name);
                }
                return t;
            }
        }
        throw new InvalidRequestException("format must be one of string, number, base32, hex, uuid: format=" + name);
    }
}
