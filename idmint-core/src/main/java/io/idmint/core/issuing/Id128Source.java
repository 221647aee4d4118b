package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.Readiness;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A 128-bit generator (UUIDv7 or the extended layout) served as a named generator. Neither has a worker
 * lease or a sequence per tick; both issue without waiting on anything but their own monitor or
 * compare-and-set, so {@link #tryIssue} always issues.
 */
final class Id128Source implements NamedGenerator {
    /** What issues: {@code count} IDs, two words each, from the {@code offset}-th ID on. */
    interface Issuer {
        void next(long[] into, int offset, int count);
    }

    private final String name;
    private final String scheme;
    private final IdCodec codec;
    private final Issuer issuer;
    private final Supplier<Readiness> readiness;
    private final LongSupplier leadMillis;
    private final Runnable close;
    private final String description;
    private final LongAdder generated = new LongAdder();

    private Id128Source(String name, String scheme, IdCodec codec, Issuer issuer, Supplier<Readiness> readiness,
                        LongSupplier leadMillis, Runnable close, String description) {
        this.name = name;
        this.scheme = scheme;
        this.codec = codec;
        this.issuer = issuer;
        this.readiness = readiness;
        this.leadMillis = leadMillis;
        this.close = close;
        this.description = description;
    }

    static Id128Source of(String name, UuidV7Generator g) {
        return new Id128Source(name, "uuid7", IdCodec.uuidV7(), g::next, g::readiness, g::leadMillis, g::close, g.toString());
    }

    static Id128Source of(String name, Wide128Generator g) {
        return new Id128Source(name, "wide128", IdCodec.wide128(), g::next, g::readiness, g::leadMillis, g::close,
                g.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public IdCodec codec() {
        return codec;
    }

    @Override
    public Optional<BitLayout> layout() {
        return Optional.empty();
    }

    @Override
    public int datacenter() {
        return -1;
    }

    @Override
    public int worker() {
        return -1;
    }

    @Override
    public int tryIssue(long[] into, int offset, BatchSize count) {
        return issue(into, offset, count);
    }

    @Override
    public int issue(long[] into, int offset, BatchSize count) {
        issuer.next(into, offset, count.value());
        generated.add(count.value());
        return 0;
    }

    @Override
    public Readiness readiness() {
        return readiness.get();
    }

    @Override
    public GeneratorStats stats() {
        return GeneratorStats.of(generated.sum(), leadMillis.getAsLong());
    }

    @Override
    public LeaseReport leases() {
        return LeaseReport.NONE;
    }

    @Override
    public void close() {
        close.run();
    }

    @Override
    public String toString() {
        return "NamedGenerator[" + name + ", " + scheme + ": " + description + "]";
    }
}
