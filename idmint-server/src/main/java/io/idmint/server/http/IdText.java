package io.idmint.server.http;

import io.idmint.core.IdFormat;

/** How an ID appears in a JSON response. */
enum IdText {
    STRING {
        @Override
        void append(StringBuilder sb, long id) {
            sb.append('"').append(id).append('"');
        }
    },
    NUMBER {
        @Override
        void append(StringBuilder sb, long id) {
            sb.append(id);
        }
    },
    BASE32 {
        @Override
        void append(StringBuilder sb, long id) {
            sb.append('"').append(IdFormat.BASE32.format(id)).append('"');
        }
    };

    abstract void append(StringBuilder sb, long id);

    String render(long id) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, id);
        return sb.toString();
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
