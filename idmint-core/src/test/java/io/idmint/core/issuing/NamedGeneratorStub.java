package io.idmint.core.issuing;

import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.Readiness;
import java.util.Optional;

/** A named generator that issues nothing: tests override what they need. */
class NamedGeneratorStub implements NamedGenerator {
    private final String name;

    NamedGeneratorStub(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String scheme() {
        return "snowflake";
    }

    @Override
    public IdCodec codec() {
        return IdCodec.of(BitLayout.DEFAULT);
    }

    @Override
    public Optional<BitLayout> layout() {
        return Optional.of(BitLayout.DEFAULT);
    }

    @Override
    public int datacenter() {
        return 0;
    }

    @Override
    public int worker() {
        return 0;
    }

    @Override
    public int tryIssue(long[] into, int offset, BatchSize count) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int issue(long[] into, int offset, BatchSize count) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Readiness readiness() {
        return Readiness.READY;
    }

    @Override
    public GeneratorStats stats() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public LeaseReport leases() {
        return LeaseReport.NONE;
    }

    @Override
    public void close() {}
}
