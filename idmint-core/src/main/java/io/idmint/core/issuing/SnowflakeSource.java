package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdGenerator;
import io.idmint.core.Readiness;

/** A Snowflake {@link IdGenerator} (static or leased) served as a named generator. */
final class SnowflakeSource implements NamedGenerator {
    private final String name;
    private final IdGenerator generator;
    private final LeaseReport leases;

    SnowflakeSource(String name, IdGenerator generator, LeaseReport leases) {
        this.name = name;
        this.generator = generator;
        this.leases = leases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BitLayout layout() {
        return generator.layout();
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
    public DecodedId decode(long id) {
        return generator.layout().decode(id);
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
        return "NamedGenerator[" + name + ": " + generator + "]";
    }
}
