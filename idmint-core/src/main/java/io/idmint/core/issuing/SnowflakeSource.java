package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.IdGenerator;
import io.idmint.core.Readiness;
import java.util.Optional;

/** A Snowflake {@link IdGenerator} (static or leased) served as a named generator; as {@code hlc}, one that merges IDs. */
final class SnowflakeSource implements NamedGenerator {
    private final String name;
    private final String scheme;
    private final IdGenerator generator;
    private final LeaseReport leases;
    private final IdCodec codec;

    SnowflakeSource(String name, String scheme, IdGenerator generator, LeaseReport leases) {
        this.name = name;
        this.scheme = scheme;
        this.generator = generator;
        this.leases = leases;
        this.codec = IdCodec.of(generator.layout());
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
        return Optional.of(generator.layout());
    }

    @Override
    public int datacenter() {
        return generator.datacenter();
    }

    @Override
    public int worker() {
        return generator.worker();
    }

    @Override
    public int tryIssue(long[] into, int offset, BatchSize count) {
        return generator.tryNextIds(into, offset, count.value());
    }

    @Override
    public int issue(long[] into, int offset, BatchSize count) {
        return generator.nextIds(into, offset, count.value());
    }

    @Override
    public void observe(long[] id) {
        if (!"hlc".equals(scheme)) {
            NamedGenerator.super.observe(id);
        }
        generator.observe(id[0]);
    }

    @Override
    public Readiness readiness() {
        return generator.readiness();
    }

    @Override
    public GeneratorStats stats() {
        return generator.stats();
    }

    @Override
    public LeaseReport leases() {
        return leases;
    }

    @Override
    public void close() {
        generator.close();
    }

    @Override
    public String toString() {
        return "NamedGenerator[" + name + ", " + scheme + ": " + generator + "]";
    }
}
