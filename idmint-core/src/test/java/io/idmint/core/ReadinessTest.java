package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link IdGenerator#readiness()}: what readiness probes report, and that it recovers by itself. */
class ReadinessTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    @Test
    void aClockBehindBeyondTheWaitBoundIsNotReadyUntilItCatchesUp() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        gen.nextId();
        assertThat(gen.readiness()).isEqualTo(Readiness.READY);
        clock.set(T - 900);
        assertThat(gen.readiness().ready()).as("within the bound a request waits and is served").isTrue();
        clock.set(T - 5_000);
        Readiness r = gen.readiness();
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).contains("5000 ms behind").contains("1000 ms").contains("wait(up to 1000 ms)");
        clock.set(T + 1);
        assertThat(gen.readiness()).isEqualTo(Readiness.READY);
    }

    @Test
    void underLogicalOffsetTheBoundIsTheLead() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(200))).build();
        gen.nextId();
        clock.set(T - 200);
        assertThat(gen.readiness().ready()).isTrue();
        clock.set(T - 201);
        assertThat(gen.readiness().reason()).contains("201 ms behind").contains("200 ms");
    }

    @Test
    void aLayoutPastItsEndOfLifeIsNotReady() {
        long now = System.currentTimeMillis(); // a layout is built against the real clock
        BitLayout tiny = BitLayout.builder().name("tiny").epoch(Instant.ofEpochMilli(now - 1000)).timestampBits(16)
                .datacenterBits(0).workerBits(0).sequenceBits(4).build();
        ManualTimeSource tinyClock = new ManualTimeSource(now);
        IdGenerator gen = IdGenerator.builder(tiny).timeSource(tinyClock).build();
        assertThat(gen.readiness().ready()).isTrue();
        tinyClock.set(tiny.endOfLifeMillis());
        // The tick that cannot be issued is the clock's, not the one after the last issued (none was).
        assertThat(gen.readiness().reason()).contains("layout 'tiny' is full: tick " + (1L << 16) + " exceeds");
    }

    @Test
    void aClosedGeneratorIsNotReady() {
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).build();
        gen.close();
        assertThat(gen.readiness().reason()).contains("is closed");
    }

    @Test
    void aLeasePastItsDeadlineIsNotReady() {
        LeasedGeneratorTest.TestLease lease = new LeasedGeneratorTest.TestLease(T + 10_000);
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).lease(lease).build();
        assertThat(gen.readiness().ready()).isTrue();
        lease.validUntilNanos = System.nanoTime() - 1;
        assertThat(gen.readiness().reason()).contains("worker 17 of test (epoch 4) passed its deadline");
    }
}
