package io.idmint.server.http;

import io.idmint.core.IdFormat;

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

    String render(long id) {
        AsciiJson out = new AsciiJson(24);
        append(out, id);
        return out.toString();
    }

    static IdText named(String name) {
        for (IdText t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
