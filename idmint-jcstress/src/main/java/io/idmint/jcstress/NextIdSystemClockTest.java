package io.idmint.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two threads call {@link IdGenerator#nextId()} at the same moment on one generator that reads the
 * system clock, with the {@link BitLayout#DEFAULT default layout}.
 *
 * <p>The race: both threads read the generator's packed (tick, sequence) state, read the clock and
 * try to install their successor state with a CAS. Usually both land in the same millisecond, so they
 * fight for sequence 0 of that tick; sometimes the clock ticks between them and each takes sequence 0
 * of its own tick. Both outcomes are fine as long as the IDs differ.
 *
 * <p>Why FORBIDDEN means a duplicate: the node bits are the same for both threads, so two equal IDs
 * can only come from two threads that both "won" the same (tick, sequence) slot, i.e. a lost CAS
 * update or a state read and written non-atomically.
 *
 * <p>Result: {@code r1} is 1 when the IDs differ, 0 when they are equal; {@code r2} is 1 when both IDs
 * carry the same tick, 0 otherwise.
 */
@JCStressTest
@Description("nextId() vs nextId() on one generator, system clock, default layout: IDs must differ")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "distinct IDs within one tick: the sequence race was resolved by the CAS")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "distinct IDs in different ticks: the clock moved between the calls")
@Outcome(expect = FORBIDDEN, desc = "both threads got the same ID: duplicate")
@State
public class NextIdSystemClockTest {

    private final IdGenerator generator = IdGenerator.builder(BitLayout.DEFAULT)
            .datacenter(0)
            .worker(1)
            .build();

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
    public void arbiter(II_Result r) {
        r.r1 = id1 != id2 ? 1 : 0;
        r.r2 = Fixtures.tick(BitLayout.DEFAULT, id1) == Fixtures.tick(BitLayout.DEFAULT, id2) ? 1 : 0;
    }
}
