package io.idmint.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.idmint.core.BitLayout;
import io.idmint.core.IdBatch;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One thread calls {@link IdGenerator#nextId()} while another reserves
 * {@link IdGenerator#nextIds(int) nextIds(2)} on the same generator, with a frozen
 * {@link ManualTimeSource} and the {@link BitLayout#DEFAULT default layout}.
 *
 * <p>The race: the single-ID path and the batch path advance the same packed (tick, sequence) state,
 * by 1 and by 2. If the two paths used different state, different CAS expectations, or if either
 * computed its sequence from a stale read, the single ID could land inside the batch's range. The
 * legal results are: single {@code 0} and batch {@code [1, 2]}, or batch {@code [0, 1]} and single
 * {@code 2}.
 *
 * <p>Why FORBIDDEN means a duplicate: same tick and node bits, so a single sequence inside the
 * batch's range is an ID handed out twice ({@code r3 > 0}).
 *
 * <p>Result: {@code r1} the single ID's sequence, {@code r2} the batch's first sequence (-1 for an ID
 * outside the frozen tick or a batch not of size 2), {@code r3} how many batch IDs equal the single ID.
 */
@JCStressTest
@Description("nextId() vs nextIds(2) on a frozen clock: the single ID must not fall into the batch")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "single took 0, batch reserved [1, 2]: disjoint")
@Outcome(id = "2, 0, 0", expect = ACCEPTABLE, desc = "batch reserved [0, 1], single took 2: disjoint")
@Outcome(expect = FORBIDDEN, desc = "the single ID is inside the batch (r3 > 0: duplicate ID) or a slot was skipped")
@State
public class NextIdVsNextIdsTest {

    private static final int BATCH = 2;

    private final IdGenerator generator = Fixtures.frozenDefaultGenerator();

    private long single;
    private IdBatch batch;

    @Actor
    public void actor1() {
        single = generator.nextId();
    }

    @Actor
    public void actor2() {
        batch = generator.nextIds(BATCH);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sequenceInFrozenTick(single);
        r.r2 = batch.size() == BATCH ? sequenceInFrozenTick(batch.get(0)) : -1;
        r.r3 = Fixtures.overlap(single, batch);
    }

    private static int sequenceInFrozenTick(long id) {
        if (Fixtures.tick(BitLayout.DEFAULT, id) != Fixtures.FROZEN_TICK) {
            return -1;
        }
        return Fixtures.sequence(BitLayout.DEFAULT, id);
    }
}
