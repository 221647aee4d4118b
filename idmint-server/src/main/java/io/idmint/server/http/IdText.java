package io.idmint.server.http;

import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;

/** How an ID appears in a JSON response. */
enum IdText {
    STRING {
        @Override
        void append(AsciiJson out, long id) {
            out.raw('"').number(id).raw('"');
        }
    },
    NUMBER {
        @Override
        void append(AsciiJson out, long id) {
            out.number(id);
        }
    },
    BASE32 {
        @Override
        void append(AsciiJson out, long id) {
            out.raw('"').raw(IdFormat.BASE32.format(id)).raw('"');
        }
    };

    abstract void append(AsciiJson out, long id);

    /** @throws InvalidRequestException naming the value and the choices */
    static IdText named(String name) {
        for (IdText t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new InvalidRequestException("format must be one of string, number, base32: format=" + name);
    }
}
