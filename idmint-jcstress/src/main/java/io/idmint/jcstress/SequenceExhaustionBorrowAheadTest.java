package io.idmint.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import io.idmint.core.SequenceOverflowPolicy;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * Two threads race across the sequence-exhaustion boundary of a tick, with the
 * {@link SequenceOverflowPolicy#borrowAhead(Duration) borrow-ahead} overflow policy and a frozen
 * clock.
 *
 * <p>Setup: a layout with 2 sequence bits (4 IDs per tick), a {@link ManualTimeSource} frozen at tick
 * {@code T}, and three IDs pre-issued before the actors start, so tick {@code T} has exactly one
 * sequence (3) left. The clock cannot move, so the default {@link SequenceOverflowPolicy#spinToNextTick()}
 * would spin forever; borrow-ahead instead lets the generator run up to 1 s ahead of the clock.
 *
 * <p>The race: one thread must take the last slot {@code (T, 3)}, the other must find the tick
 * exhausted and borrow {@code (T+1, 0)}. Both decisions are made from a CAS on the same packed state;
 * the exhaustion check and the roll-over into the borrowed tick are the places where a
 * check-then-act bug would let both threads take {@code (T, 3)}, both take {@code (T+1, 0)}, or hand
 * out a slot that was pre-issued.
 *
 * <p>Why FORBIDDEN means a duplicate: the node bits are fixed, so equal slots are equal IDs, and a
 * slot below 3 would collide with one of the three pre-issued IDs (the arbiter also checks the actor
 * IDs against the pre-issued ones directly).
 *
 * <p>Result: for each actor, its slot {@code (tick - T) * 4 + sequence}: 3 is {@code (T, 3)}, 4 is
 * {@code (T+1, 0)}; -1 when the ID equals a pre-issued ID.
 */
@JCStressTest
@Description("nextId() vs nextId() on the last sequence of a frozen tick, borrow-ahead overflow: IDs must differ")
@Outcome(id = "3, 4", expect = ACCEPTABLE, desc = "actor 1 took the last slot of the tick, actor 2 borrowed the next tick")
@Outcome(id = "4, 3", expect = ACCEPTABLE, desc = "actor 2 took the last slot of the tick, actor 1 borrowed the next tick")
@Outcome(id = {"3, 3", "4, 4"}, expect = FORBIDDEN, desc = "both threads took the same slot: duplicate ID")
@Outcome(expect = FORBIDDEN, desc = "a pre-issued ID was handed out again (-1), or a slot was skipped at the boundary")
@State
public class SequenceExhaustionBorrowAheadTest {

    private static final int PRE_ISSUED = 3;
    private static final long IDS_PER_TICK = 4;

    private final ManualTimeSource clock = new ManualTimeSource(Fixtures.FROZEN_MILLIS);
    private final IdGenerator generator = IdGenerator.builder(Fixtures.TINY_SEQ)
            .datacenter(0)
            .worker(1)
            .timeSource(clock)
            .overflowPolicy(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(1000)))
            .build();
    private final long[] preIssued = new long[PRE_ISSUED];

    private long id1;
    private long id2;

    public SequenceExhaustionBorrowAheadTest() {
        for (int i = 0; i < PRE_ISSUED; i++) {
            preIssued[i] = generator.nextId();
        }
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
    public void arbiter(JJ_Result r) {
        r.r1 = slot(id1);
        r.r2 = slot(id2);
    }

    private long slot(long id) {
        for (long issued : preIssued) {
            if (issued == id) {
                return -1;
            }
        }
        long tickOffset = Fixtures.tick(Fixtures.TINY_SEQ, id) - Fixtures.FROZEN_TICK;
        return tickOffset * IDS_PER_TICK + Fixtures.sequence(Fixtures.TINY_SEQ, id);
    }
}
