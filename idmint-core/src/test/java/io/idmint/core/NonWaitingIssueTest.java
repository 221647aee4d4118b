package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link IdGenerator#tryNextIds}: what an event loop calls. It must either issue the whole batch from one
 * tick without waiting, or take nothing and say so; anything that would wait is left to a thread that may.
 */
class NonWaitingIssueTest {
    static final long T = SnowflakeGeneratorTest.T;
    private final ManualTimeSource clock = new ManualTimeSource(T);

    private IdGeneratorBuilder builder() {
        return IdGenerator.builder(BitLayout.DEFAULT).worker(3).timeSource(clock);
    }

    @Test
    void issuesTheWholeBatchFromTheCurrentTickAndReturnsItsHighestSequence() {
        IdGenerator gen = builder().build();
        gen.nextIds(5);
        long[] ids = new long[10];
        assertThat(gen.tryNextIds(ids, 0, 10)).isEqualTo(14);
        for (int i = 0; i < 10; i++) {
            DecodedId d = BitLayout.DEFAULT.decode(ids[i]);
            assertThat(d.sequence()).isEqualTo(5 + i);
            assertThat(d.timestamp().toEpochMilli()).isEqualTo(T);
            assertThat(d.worker()).isEqualTo(3);
        }
        assertThat(gen.nextId()).isGreaterThan(ids[9]);
    }

    @Test
    void aBatchThatDoesNotFitTheTickTakesNothing() {
        IdGenerator gen = builder().build();
        gen.nextIds(4090);
        long[] ids = new long[10];
        assertThat(gen.tryNextIds(ids, 0, 10)).isEqualTo(-1);
        assertThat(ids).containsOnly(0L);
        assertThat(gen.tryNextIds(ids, 0, 6)).as("the refused call took none of the six left").isEqualTo(4095);
        assertThat(gen.tryNextIds(new long[1], 0, 1)).as("used up: the next tick needs the clock").isEqualTo(-1);
        clock.advance(1);
        long[] one = new long[1];
        assertThat(gen.tryNextIds(one, 0, 1)).isZero();
        assertThat(BitLayout.DEFAULT.decode(one[0]).timestamp().toEpochMilli()).isEqualTo(T + 1);
    }

    @Test
    void moreThanOneTickHoldsIsNeverTriedOnTheSpot() {
        assertThat(builder().build().tryNextIds(new long[5000], 0, 5000)).isEqualTo(-1);
    }

    @Test
    void aClockBehindWithinTheWaitBoundIsLeftToAThreadThatMayWait() {
        IdGenerator gen = builder().rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1))).build();
        gen.nextId();
        clock.set(T - 500);
        // nextId() would wait up to a second here; tryNextIds must answer at once.
        assertTimeoutPreemptively(Duration.ofMillis(300), () -> assertThat(gen.tryNextIds(new long[1], 0, 1)).isEqualTo(-1));
        assertThat(gen.stats().rollbacks()).as("the wait, and its count, belong to the thread that issues").isZero();
    }

    @Test
    void aDueHighWaterMarkRenewalIsLeftToAThreadThatMayWait() {
        MemoryHighWaterMarkStore store = new MemoryHighWaterMarkStore(new AtomicReference<>());
        IdGenerator gen = builder().highWaterMark(store).build();
        int writesAtStart = store.writes;
        assertThat(gen.tryNextIds(new long[1], 0, 1)).as("inside the first reservation: no write").isZero();
        clock.advance(600); // past half of the 1 s reservation: issuing now renews it
        assertThat(gen.tryNextIds(new long[1], 0, 1)).isEqualTo(-1);
        assertThat(store.writes).as("an event loop never writes the mark").isEqualTo(writesAtStart);
        gen.nextId();
        assertThat(store.writes).isEqualTo(writesAtStart + 1);
        assertThat(gen.tryNextIds(new long[1], 0, 1)).isEqualTo(1);
    }

    @Test
    void aClosedGeneratorRefusesWithoutWaitingToo() {
        IdGenerator gen = builder().build();
        gen.close();
        assertThatThrownBy(() -> gen.tryNextIds(new long[1], 0, 1)).isInstanceOf(GeneratorClosedException.class);
    }
}
