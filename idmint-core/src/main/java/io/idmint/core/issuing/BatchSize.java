package io.idmint.core.issuing;

import io.idmint.core.InvalidRequestException;

/**
 * How many IDs one request asks for: 1..{@value #MAX} on every face. Parsed once where a request enters
 * (a query parameter, a proto field, a JSON token), so everything behind the edge holds a valid size.
 */
public final class BatchSize {
    /** The most IDs one request may ask for, on HTTP, gRPC and the node alike. */
    public static final int MAX = 100_000;
    /** A single ID. */
    public static final BatchSize ONE = new BatchSize(1);

    private final int value;

    private BatchSize(int value) {
        this.value = value;
    }

    /** @throws InvalidRequestException {@code count must be 1..100000: count=0} */
    public static BatchSize of(long count) {
        return of("count", count);
    }

    /**
     * @param field the request field's name as the caller wrote it ({@code count}, {@code batch_size})
     * @throws InvalidRequestException naming the field, the value and the limit
     */
    public static BatchSize of(String field, long count) {
        if (count < 1 || count > MAX) {
            throw new InvalidRequestException(field + " must be 1.." + MAX + ": " + field + "=" + count);
        }
        return count == 1 ? ONE : new BatchSize((int) count);
    }

    /**
     * Reads the raw text of a request field: a decimal integer 1..{@value #MAX}.
     *
     * @throws InvalidRequestException naming the field, the text as given and the limit
     */
    public static BatchSize parse(String field, String text) {
        if (text == null) {
            throw new InvalidRequestException(field + " is required: an integer 1.." + MAX);
        }
        long count;
        try {
            count = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new InvalidRequestException(field + " must be an integer 1.." + MAX + ": " + field + "=" + shown);
        }
        return of(field, count);
    }

    public int value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchSize && ((BatchSize) o).value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return "BatchSize[" + value + "]";
    }
}
