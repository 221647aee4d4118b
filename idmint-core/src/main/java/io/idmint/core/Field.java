package io.idmint.core;

/** The parts a 64-bit ID is packed from. A {@link BitLayout} orders them from high bit to low. */
public enum Field {
    TIMESTAMP("timestamp"),
    DATACENTER("dc"),
    WORKER("worker"),
    SEQUENCE("seq");

    private final String shortName;

    Field(String shortName) {
        this.shortName = shortName;
    }

    /** The short label used in binary views, e.g. {@code dc}. */
    public String shortName() {
        return shortName;
    }
}
