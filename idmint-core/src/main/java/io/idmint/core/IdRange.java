package io.idmint.core;

/** The smallest and largest ID of a time range, both inclusive: {@code WHERE id BETWEEN min AND max}. */
public record IdRange(long min, long max) {
    public boolean contains(long id) {
        return id >= min && id <= max;
    }
}
