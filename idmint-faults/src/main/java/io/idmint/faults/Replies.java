package io.idmint.faults;

import com.fasterxml.jackson.databind.JsonNode;

final class Replies {
    private Replies() {}

    /** The IDs an answer carries ({@code id} or {@code ids}: HTTP and node bodies alike); none for an error. */
    static long[] ids(JsonNode body) {
        if (body.has("id")) {
            return new long[] {body.get("id").asLong()};
        }
        JsonNode ids = body.path("ids");
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asLong();
        }
        return out;
    }
}
