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
 * Two threads each reserve a batch with {@link IdGenerator#nextIds(int) nextIds(3)} on one generator
 * whose {@link ManualTimeSource} is frozen, with the {@link BitLayout#DEFAULT default layout} (12
 * sequence bits, so both batches fit into the one tick).
 *
 * <p>The race: a batch reserves a whole range of sequences with one CAS (state moves from "last
 * sequence s" to "last sequence s + 3"). Both threads read the same starting state; only one CAS may
 * succeed from it, and the loser must recompute its range from the winner's end. The two ranges must
 * be {@code [0, 2]} and {@code [3, 5]}, in either order.
 *
 * <p>Why FORBIDDEN means a duplicate: both batches carry the same tick and node bits, so overlapping
 * sequence ranges are shared IDs. Full overlap ({@code 0, 0, 3}) is a lost CAS update; partial overlap
 * is a range computed from a stale or torn state.
 *
 * <p>Result: {@code r1}, {@code r2} the first sequence of actor 1's and actor 2's batch (-1 if a batch
 * does not have size 3 or is not in the frozen tick); {@code r3} the number of IDs the batches share.
 */
@JCStressTest
@Description("nextIds(3) vs nextIds(3) on a frozen clock: the two ranges must be disjoint")
@Outcome(id = "0, 3, 0", expect = ACCEPTABLE, desc = "actor 1 reserved [0, 2], actor 2 reserved [3, 5]: disjoint")
@Outcome(id = "3, 0, 0", expect = ACCEPTABLE, desc = "actor 2 reserved [0, 2], actor 1 reserved [3, 5]: disjoint")
@Outcome(id = "0, 0, 3", expect = FORBIDDEN, desc = "both threads reserved [0, 2]: lost update, three duplicate IDs")
@Outcome(expect = FORBIDDEN, desc = "the batches overlap (r3 > 0: duplicate IDs) or a range was skipped or malformed")
@State
public class NextIdsBatchRaceTest {

    private static final int BATCH = 3;

    private final IdGenerator generator = Fixtures.frozenDefaultGenerator();

    private IdBatch batch1;
    private IdBatch batch2;

    @Actor
    public void actor1() {
        batch1 = generator.nextIds(BATCH);
    }

    @Actor
    public void actor2() {
        batch2 = generator.nextIds(BATCH);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = firstSequence(batch1);
        r.r2 = firstSequence(batch2);
        r.r3 = Fixtures.overlap(batch1, batch2);
    }

    private static int firstSequence(IdBatch batch) {
        if (batch.size() != BATCH) {
            return -1;
        }
        long first = batch.get(0);
        if (Fixtures.tick(BitLayout.DEFAULT, first) != Fixtures.FROZEN_TICK) {
            return -1;
        }
        return Fixtures.sequence(BitLayout.DEFAULT, first);
    }
}
