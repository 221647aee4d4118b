package io.idmint.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * Two threads call {@link IdGenerator#nextId()} on one generator whose {@link ManualTimeSource} is
 * frozen at a single instant, so every call falls into the same tick.
 *
 * <p>The race: with the clock pinned, the tick never changes and the only thing that tells the two
 * IDs apart is the sequence number. Both threads read the same state ("nothing issued yet") and CAS
 * it forward; exactly one CAS may succeed from that state, the loser must re-read and take the next
 * sequence. The two threads must end up with sequences 0 and 1, in either order.
 *
 * <p>Why FORBIDDEN means a duplicate: same tick, same datacenter and worker, so equal sequence
 * numbers are equal IDs. {@code 0, 0} is the classic lost update (both threads installed "sequence
 * 0"); any other pair means the generator skipped or reused a slot of the tick.
 *
 * <p>Result: {@code r1}, {@code r2} are the sequence numbers of actor 1's and actor 2's IDs, or -1
 * for an ID whose tick is not the frozen tick.
 */
@JCStressTest
@Description("nextId() vs nextId() within one frozen tick: sequences 0 and 1 in some order")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "actor 1 won the CAS, actor 2 took the next sequence")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "actor 2 won the CAS, actor 1 took the next sequence")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "both threads took sequence 0 of the same tick: duplicate ID")
@Outcome(expect = FORBIDDEN, desc = "a sequence was reused or skipped, or the tick moved on a frozen clock")
@State
public class NextIdFrozenClockTest {

    private final IdGenerator generator = Fixtures.frozenDefaultGenerator();

    private long id1;
    private long id2;

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
        r.r1 = sequenceInFrozenTick(id1);
        r.r2 = sequenceInFrozenTick(id2);
    }

    private long sequenceInFrozenTick(long id) {
        return Fixtures.tick(BitLayout.DEFAULT, id) == Fixtures.FROZEN_TICK ? Fixtures.sequence(BitLayout.DEFAULT, id) : -1;
    }
}
