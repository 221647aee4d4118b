package io.idmint.coordination;

import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdBatch;
import io.idmint.core.IdGenerator;
import io.idmint.core.LeaseNotValidException;
import io.idmint.core.Readiness;
import io.idmint.core.WorkerLease;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.LeaseView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An {@link IdGenerator} whose worker IDs are leased: it issues only while a lease is valid, and
 * re-claims in the background after a loss (calls meanwhile throw {@link LeaseNotValidException}, which
 * services answer with "unavailable, retry"). With several leases (one per core, for throughput past
 * one worker's sequence cap) each thread sticks to one of them, so the IDs one thread receives still
 * increase.
 *
 * <p>{@link #worker()} and {@link #stats()} describe the first lease; {@link #leases()} describes all.
 */
public final class LeasedIdGenerator implements IdGenerator, LeaseReport {
    private final WorkerIdAllocator allocator;
    private final BitLayout layout;
    private final LeaseSlot[] slots;
    private final ExecutorService reclaimer;
    private final AtomicInteger nextSlot = new AtomicInteger();
    /** Each thread's slot, chosen round-robin at its first call and kept: its IDs come from one slot only. */
    private final ThreadLocal<LeaseSlot> mine = ThreadLocal.withInitial(this::assignSlot);

    private LeasedIdGenerator(WorkerIdAllocator allocator, BitLayout layout, LeaseSlot[] slots, ExecutorService reclaimer) {
        this.allocator = allocator;
        this.layout = layout;
        this.slots = slots;
        this.reclaimer = reclaimer;
    }

    /**
     * Claims {@code workers} leases (blocking) and builds a generator for each with {@code factory}, which
     * must pass the lease to {@link io.idmint.core.IdGeneratorBuilder#lease}. Owns the allocator from here.
     *
     * @throws CoordinationException when the leases cannot be claimed; nothing stays claimed then
     */
    public static LeasedIdGenerator open(WorkerIdAllocator allocator, BitLayout layout, int workers,
                                         Function<WorkerLease, IdGenerator> factory) {
        if (workers < 1 || workers > 1024) {
            allocator.close();
            throw new IllegalArgumentException("workers per process must be 1..1024: workers=" + workers);
        }
        ExecutorService reclaimer = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "idmint-lease-reclaim");
            t.setDaemon(true);
            return t;
        });
        LeaseSlot[] slots = new LeaseSlot[workers];
        LeasedIdGenerator g = new LeasedIdGenerator(allocator, layout, slots, reclaimer);
        try {
            for (int i = 0; i < workers; i++) {
                slots[i] = new LeaseSlot(allocator, factory, reclaimer);
                slots[i].start();
            }
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private LeaseSlot slot() {
        // Thread IDs modulo K could put every busy thread on one slot; a sticky round-robin choice cannot.
        return slots.length == 1 ? slots[0] : mine.get();
    }

    private LeaseSlot assignSlot() {
        return slots[Math.floorMod(nextSlot.getAndIncrement(), slots.length)];
    }

    @Override
    public long nextId() {
        LeaseSlot s = slot();
        IdGenerator g = s.generator();
        try {
            return g.nextId();
        } catch (LeaseNotValidException e) {
            s.checkExpired(g);
            throw e;
        }
    }

    @Override
    public IdBatch nextIds(int count) {
        LeaseSlot s = slot();
        IdGenerator g = s.generator();
        try {
            return g.nextIds(count);
        } catch (LeaseNotValidException e) {
            s.checkExpired(g);
            throw e;
        }
    }

    @Override
    public int nextIds(long[] into, int offset, int count) {
        LeaseSlot s = slot();
        IdGenerator g = s.generator();
        try {
            return g.nextIds(into, offset, count);
        } catch (LeaseNotValidException e) {
            s.checkExpired(g);
            throw e;
        }
    }

    @Override
    public int tryNextIds(long[] into, int offset, int count) {
        LeaseSlot s = slot();
        IdGenerator g = s.generator();
        try {
            return g.tryNextIds(into, offset, count);
        } catch (LeaseNotValidException e) {
            s.checkExpired(g);
            throw e;
        }
    }

    /**
     * Merges {@code id} into every slot's generator, so later IDs from any of them sort above it. A
     * generator created after a lease is lost and re-claimed starts from the lease's mark instead.
     */
    @Override
    public void observe(long id) {
        for (LeaseSlot s : slots) {
            s.generator().observe(id);
        }
    }

    /** Ready while every slot holds a valid lease and its generator is ready; else the first slot's reason. */
    @Override
    public Readiness readiness() {
        for (LeaseSlot s : slots) {
            LeaseView v = s == null ? LeaseView.acquiring("not started") : s.status();
            if (!v.held()) {
                return Readiness.notReady("worker lease " + v.state() + ": " + v.detail());
            }
            Readiness r = s.lastGenerator().readiness();
            if (!r.ready()) {
                return r;
            }
        }
        return Readiness.READY;
    }

    /** One view per lease, in slot order. */
    @Override
    public List<LeaseView> leases() {
        List<LeaseView> out = new ArrayList<>(slots.length);
        for (LeaseSlot s : slots) {
            out.add(s == null ? LeaseView.acquiring("not started") : s.status());
        }
        return out;
    }

    /** Leases lost (fenced, expired, session lost) since start, over all slots. */
    @Override
    public long losses() {
        long n = 0;
        for (LeaseSlot s : slots) {
            n += s == null ? 0 : s.losses;
        }
        return n;
    }

    @Override
    public java.util.OptionalLong offsetToPeersMillis() {
        PeerClocks.Estimate e = allocator instanceof CoordinatedAllocator c ? c.offsetToPeers() : null;
        return e == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(e.offsetMillis());
    }

    @Override
    public long offsetToPeersErrorMillis() {
        PeerClocks.Estimate e = allocator instanceof CoordinatedAllocator c ? c.offsetToPeers() : null;
        return e == null ? -1 : e.errorMillis();
    }

    @Override
    public long renewalQueueDepth() {
        return allocator instanceof CoordinatedAllocator c ? c.renewalQueueDepth() : 0;
    }

    @Override
    public long renewals() {
        return allocator instanceof CoordinatedAllocator c ? c.renewalsTotal() : 0;
    }

    @Override
    public long renewalFailures() {
        return allocator instanceof CoordinatedAllocator c ? c.renewalFailuresTotal() : 0;
    }

    public WorkerIdAllocator allocator() {
        return allocator;
    }

    @Override
    public BitLayout layout() {
        return layout;
    }

    @Override
    public int datacenter() {
        return allocator.settings().datacenter;
    }

    @Override
    public int worker() {
        IdGenerator g = slots[0].lastGenerator();
        return g == null ? -1 : g.worker();
    }

    /** Every slot's current generator (a slot re-claiming shows its last one). */
    @Override
    public List<IdGenerator> slots() {
        List<IdGenerator> all = new ArrayList<>(slots.length);
        for (LeaseSlot s : slots) {
            IdGenerator g = s == null ? null : s.lastGenerator();
            if (g != null) {
                all.add(g);
            }
        }
        return all;
    }

    /** The slots' stats combined: counts added up, lead and utilisation the worst slot's. */
    @Override
    public GeneratorStats stats() {
        List<GeneratorStats> each = new ArrayList<>(slots.length);
        for (IdGenerator g : slots()) {
            each.add(g.stats());
        }
        return each.size() == 1 ? each.get(0) : GeneratorStats.combine(each);
    }

    /** Releases every lease (recording the exact last timestamps) and closes the coordinator connection. */
    @Override
    public void close() {
        for (LeaseSlot s : slots) {
            if (s != null) {
                s.close();
            }
        }
        reclaimer.shutdownNow();
        allocator.close();
    }

    @Override
    public String toString() {
        return "LeasedIdGenerator[" + layout.name() + ", " + slots.length + " lease(s) from " + allocator.describe() + "]";
    }
}
