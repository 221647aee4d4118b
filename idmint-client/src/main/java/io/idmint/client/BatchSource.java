package io.idmint.client;

/** Where the pool gets its IDs from: one blocking call per batch. */
interface BatchSource {
    /**
     * A batch of unique IDs, at least one.
     *
     * @throws RuntimeException whose message says what was tried and what failed
     */
    long[] fetch();

    /** The source for error messages, e.g. the addresses it calls. */
    String describe();
}
