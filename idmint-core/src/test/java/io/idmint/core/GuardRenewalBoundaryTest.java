package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The high-water mark reservation at its edges: where a new incarnation starts relative to a mark that
 * ends inside a tick, how far a reservation reaches on a coarse tick, when it is renewed, and that the
 * guard's lock is always given back, so no other thread is stuck behind a renewal or a close.
 */
class GuardRenewalBoundaryTest {
    static final long T = SnowflakeGeneratorTest.T;
    private static final BitLayout SONY = BitLayout.preset("sonyflake"); // 10 ms ticks; T starts one
    private final ManualTimeSource clock = new ManualTimeSource(T);
    private final AtomicReference<HighWaterMark> disk = new AtomicReference<>();

    @Test
    void aReservationOnACoarseTickReachesTheWindowInTicks() {
        IdGenerator.builder(SONY).timeSource(clock).highWaterMark(new MemoryHighWaterMarkStore(disk)).build();
        // The 1 s window is 100 ticks of 10 ms: from the clock's tick (T) 100 ticks on, to the last
        // millisecond of that tick.
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T + 1000 + 9);
    }

    @Test
    void aStoredMarkEndingInsideATickMakesTheNextIncarnationStartInTheTickAfterIt() {
        disk.set(new HighWaterMark(T + 5, T - 1000)); // the earlier incarnation may have issued in tick T
        clock.set(T + 6); // past the mark, still inside its tick
        IdGenerator gen = IdGenerator.builder(SONY).timeSource(clock).highWaterMark(new MemoryHighWaterMarkStore(disk))
                .build();
        assertThat(disk.get().reservedUntilMillis()).as("reserved from the tick after the mark's on")
                .isEqualTo(T + 10 + 1000 + 9);
        clock.autoAdvanceMillisPerRead(1);
        long first = gen.nextId();
        assertThat(SONY.decode(first).timestamp().toEpochMilli()).as("not in the mark's tick").isEqualTo(T + 10);
    }

    @Test
    void aPreviousHoldersMarkEndingInsideATickMakesTheLeasedGeneratorStartInTheTickAfterIt() {
        LeasedGeneratorTest.TestLease lease = new LeasedGeneratorTest.TestLease(T + 10_000);
        lease.previous = Optional.of(new HighWaterMark(T + 5, T - 1000));
        clock.set(T + 6);
        // 10 ms ticks like Sonyflake's, with room for the test lease's datacenter 2 and worker 17.
        BitLayout coarse = BitLayout.builder().name("coarse").tickMillis(10).timestampBits(39).datacenterBits(5)
                .workerBits(5).sequenceBits(8).epochMillis(BitLayout.DEFAULT.epochMillis()).build(T);
        IdGenerator gen = IdGenerator.builder(coarse).timeSource(clock).lease(lease).build();
        clock.autoAdvanceMillisPerRead(1);
        long first = gen.nextId();
        assertThat(coarse.decode(first).timestamp().toEpochMilli()).as("not in the previous holder's tick").isEqualTo(T + 10);
    }

    @Test
    void issuingOnTheLastReservedTickRenewsAheadOfIt() {
        MemoryHighWaterMarkStore store = new MemoryHighWaterMarkStore(disk);
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(store).build();
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T + 1000);
        clock.set(T + 1000);
        gen.nextId();
        assertThat(store.writes).isEqualTo(2);
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T + 2000);
    }

    @Test
    void theHalfWayTickItselfNeedsNoWriteAndTheNextOneDoes() {
        MemoryHighWaterMarkStore store = new MemoryHighWaterMarkStore(disk);
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(store).build();
        clock.set(T + 500); // renewal is due past T+500
        assertThat(gen.tryNextIds(new long[1], 0, 1)).isZero();
        clock.set(T + 501);
        assertThat(gen.tryNextIds(new long[1], 0, 1)).isEqualTo(-1);
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void aFailedEarlyRenewalIsLoggedWithItsCause() {
        AtomicBoolean broken = new AtomicBoolean();
        IdGenerationException diskFull = new IdGenerationException("cannot persist high-water mark memory: disk full");
        HighWaterMarkStore failing = new MemoryHighWaterMarkStore(disk) {
            @Override
            public synchronized void store(HighWaterMark m) {
                if (broken.get()) {
                    throw diskFull;
                }
                super.store(m);
            }
        };
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(failing).build();
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(HighWaterGuard.class.getName());
        logger.addHandler(capture);
        try {
            broken.set(true);
            clock.set(T + 600);
            assertThat(gen.nextId()).isPositive();
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (capture) {
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
            assertThat(records.get(0).getMessage()).contains("renewing the high-water mark memory ahead of time failed");
            assertThat(records.get(0).getThrown()).isSameAs(diskFull);
        }
    }

    @Test
    void aRenewalThatHadToWaitGivesTheLockBackForClose() throws Exception {
        MemoryHighWaterMarkStore store = new MemoryHighWaterMarkStore(disk);
        IdGenerator gen = IdGenerator.builder(BitLayout.DEFAULT).timeSource(clock).highWaterMark(store).build();
        clock.set(T + 2000); // past the reservation: the issuing thread writes the mark before it issues
        ExecutorService issuer = Executors.newSingleThreadExecutor();
        try {
            long id = issuer.submit(gen::nextId).get(10, TimeUnit.SECONDS);
            assertThat(BitLayout.DEFAULT.decode(id).timestamp().toEpochMilli()).isEqualTo(T + 2000);
        } finally {
            issuer.shutdown();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), gen::close, "close() waited for a lock nobody holds");
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T + 2000);
    }

    @Test
    void anIssuerReachingTheGuardAfterCloseFailsInsteadOfWaitingForever() throws Exception {
        MemoryHighWaterMarkStore store = new MemoryHighWaterMarkStore(disk);
        HighWaterGuard guard = new HighWaterGuard(store, BitLayout.DEFAULT, clock, 0, Duration.ofSeconds(1));
        long tick = BitLayout.DEFAULT.tickOf(T);
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            closer.submit(() -> guard.close(tick)).get(10, TimeUnit.SECONDS);
        } finally {
            closer.shutdown();
        }
        // A thread that took its tick before close() and reaches the guard only now.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> guard.cover(tick))
                .isInstanceOf(GeneratorClosedException.class).hasMessageContaining("memory was released"));
        assertThat(disk.get().reservedUntilMillis()).isEqualTo(T);
    }
}
