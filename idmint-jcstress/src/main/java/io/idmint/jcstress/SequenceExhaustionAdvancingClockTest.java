package io.idmint.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.idmint.core.GeneratorStats;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import io.idmint.core.SequenceOverflowPolicy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads call {@link IdGenerator#nextId()} on a generator whose current tick is already
 * exhausted, with the default overflow policy ({@link SequenceOverflowPolicy#spinToNextTick()}) and a
 * clock that moves 1 ms forward on every read.
 *
 * <p>Setup: a layout with 2 sequence bits (4 IDs per tick). While the {@link ManualTimeSource} is
 * frozen at tick {@code T}, all four IDs of {@code T} are pre-issued; then the clock is switched to
 * advance 1 ms per read, so a thread that finds {@code T} exhausted sees a later tick on its next
 * read instead of spinning forever.
 *
 * <p>The race: both threads start from the "tick T, sequence 3" state. The thread that reads the
 * clock first gets {@code T}, finds it exhausted and waits; the other reads a later tick and rolls
 * the state over to it (new tick, sequence reset to 0), possibly while the first one is still waiting.
 * When the waiter comes back it must see that roll-over and move on to a tick of its own. The roll-over is a
 * read-check-write that must be a single CAS: a stale read would let a thread reset the sequence of a
 * tick someone else already used, or issue into the exhausted tick {@code T} after all.
 *
 * <p>Why FORBIDDEN means a duplicate: {@code r1 = 0} is two equal IDs; {@code r2 > 0} is an actor ID
 * equal to one of the four pre-issued IDs of tick {@code T}, i.e. an exhausted tick handed out again.
 *
 * <p>Result: {@code r1} 1 when the actors' IDs differ; {@code r2} how many actor IDs equal a
 * pre-issued ID; {@code r3} the generator's {@link GeneratorStats#overflowWaits() overflow waits},
 * i.e. how many of the two calls found tick {@code T} exhausted. Every clock read returns a new
 * millisecond, so exactly one thread reads {@code T}: 1 is expected, and it shows that the race really
 * crossed the exhaustion boundary.
 */
@JCStressTest
@Description("nextId() vs nextId() past an exhausted tick, wait-for-next-tick, clock +1 ms per read: IDs must differ")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "distinct IDs: one thread found tick T exhausted and waited for a later tick")
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "distinct IDs: both threads found tick T exhausted and waited")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "distinct IDs, but no overflow wait was counted: the race missed the boundary")
@Outcome(expect = FORBIDDEN, desc = "duplicate: the two actors got the same ID (r1 = 0) or re-used a pre-issued ID (r2 > 0)")
@State
public class SequenceExhaustionAdvancingClockTest {

    private static final int IDS_PER_TICK = 4;

    private final ManualTimeSource clock = new ManualTimeSource(Fixtures.FROZEN_MILLIS);
    private final IdGenerator generator = IdGenerator.builder(Fixtures.TINY_SEQ)
            .datacenter(0)
            .worker(1)
            .timeSource(clock)
            .build();
    private final long[] preIssued = new long[IDS_PER_TICK];

    private long id1;
    private long id2;

    public SequenceExhaustionAdvancingClockTest() {
        for (int i = 0; i < IDS_PER_TICK; i++) {
            preIssued[i] = generator.nextId();
        }
        clock.autoAdvanceMillisPerRead(1);
    }

    @Actor
    public void actor1() {
        id1 = generator.nextId();
    }

    @Actor
    public void actor2() {
        id2 = generator.nextId();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = id1 != id2 ? 1 : 0;
        r.r2 = reissued(id1) + reissued(id2);
        r.r3 = (int) generator.stats().overflowWaits();
    }

    private int reissued(long id) {
        int count = 0;
        for (long issued : preIssued) {
            if (issued == id) {
                count++;
            }
        }
        return count;
    }
}
