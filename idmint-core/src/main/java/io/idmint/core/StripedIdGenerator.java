package io.idmint.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several generators of one layout, one per worker ID, and each calling thread stuck to one of them: the
 * first call of a thread picks the next slot round-robin, and the thread keeps it. A worker ID caps at
 * its layout's sequence per tick (4,096,000 IDs/s for the default), so K worker IDs let K threads issue
 * K times that. A thread's IDs strictly increase because they all come from its one slot; different
 * slots carry different worker IDs, so their IDs never collide.
 */
final class StripedIdGenerator implements IdGenerator {
    private final List<IdGenerator> slots;
    private final IdGenerator[] array;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final ThreadLocal<IdGenerator> mine;

    StripedIdGenerator(List<IdGenerator> slots) {
        this.slots = List.copyOf(slots);
        this.array = this.slots.toArray(new IdGenerator[0]);
        this.mine = ThreadLocal.withInitial(() -> array[Math.floorMod(nextSlot.getAndIncrement(), array.length)]);
    }

    private IdGenerator slot() {
        return mine.get();
    }

    @Override
    public long nextId() {
        return slot().nextId();
    }

    @Override
    public IdBatch nextIds(int count) {
        return slot().nextIds(count);
    }

    @Override
    public int nextIds(long[] into, int offset, int count) {
        return slot().nextIds(into, offset, count);
    }

    @Override
    public int tryNextIds(long[] into, int offset, int count) {
        return slot().tryNextIds(into, offset, count);
    }

    /** Every slot: an ID merged into one must order the IDs of every thread after it. */
    @Override
    public void observe(long id) {
        for (IdGenerator g : array) {
            g.observe(id);
        }
    }

    /** Ready while every slot is; otherwise the first slot's reason that is not, naming its worker. */
    @Override
    public Readiness readiness() {
        for (IdGenerator g : array) {
            Readiness r = g.readiness();
            if (!r.ready()) {
                return Readiness.notReady("worker " + g.worker() + ": " + r.reason());
            }
        }
        return Readiness.READY;
    }

    @Override
    public BitLayout layout() {
        return array[0].layout();
    }

    @Override
    public int datacenter() {
        return array[0].datacenter();
    }

    /** The first slot's worker ID; {@link #slots()} lists them all. */
    @Override
    public int worker() {
        return array[0].worker();
    }

    @Override
    public List<IdGenerator> slots() {
        return slots;
    }

    /** The slots' counters added up; lead, utilisation and mark are the worst slot's. */
    @Override
    public GeneratorStats stats() {
        List<GeneratorStats> each = new ArrayList<>(array.length);
        for (IdGenerator g : array) {
            each.add(g.stats());
        }
        return GeneratorStats.combine(each);
    }

    /** Closes every slot, each storing its own exact mark; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (IdGenerator g : array) {
            try {
                g.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "StripedIdGenerator" + slots;
    }
}
