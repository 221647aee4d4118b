package io.idmint.core;

/** The JVM's wall clock. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "system";
    }
}
