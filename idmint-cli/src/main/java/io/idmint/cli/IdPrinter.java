package io.idmint.cli;

import io.idmint.core.Id128;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.NamedGenerator;
import java.util.Locale;

/** How {@code generate} prints one ID: the generator's own text, or the form {@code --format} names. */
@FunctionalInterface
interface IdPrinter {
    String text(long[] ids, int index);

    /**
     * @param format decimal, base32, hex or uuid; null for the generator's canonical text
     * @throws InvalidRequestException naming the value and the choices, or why the form does not fit the IDs
     */
    static IdPrinter of(String format, NamedGenerator g) {
        if (format == null) {
            return g.codec()::text;
        }
        String name = format.toLowerCase(Locale.ROOT);
        boolean wide = g.codec().words() == 2;
        if (!wide && !name.equals("uuid")) {
            IdFormat f = IdFormat.named(format);
            return (ids, i) -> f.format(ids[i]);
        }
        switch (name) {
            case "base32":
                return (ids, i) -> Id128.from(ids, i).toBase32();
            case "hex":
                return (ids, i) -> Id128.from(ids, i).toHex();
            case "uuid":
                if (wide) {
                    return (ids, i) -> Id128.from(ids, i).toUuidText();
                }
                break;
            default:
                break;
        }
        throw new InvalidRequestException("format must be one of " + (wide ? "base32, hex, uuid" : "decimal, base32, hex")
                + " for generator " + g.name() + " (scheme " + g.scheme() + ", " + (wide ? 128 : 64) + "-bit IDs): format=" + format);
    }
}
