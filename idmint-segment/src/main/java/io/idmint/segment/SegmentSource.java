package io.idmint.segment;

import io.idmint.core.BitLayout;
import io.idmint.core.FailureKind;
import io.idmint.core.GeneratorClosedException;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdCodec;
import io.idmint.core.Readiness;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.LeaseReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The {@link SegmentGenerator}: a current segment issued from by compare-and-set, a next segment fetched in the
 * background (single-flight), a lock only to swap them or to wait.
 *
 * <p>Invariants, all changes under {@code lock} except claims within a segment: {@code current} only ever moves
 * to the segment that was {@code next}; a fetch starts only while {@code next} is empty and takes the current
 * segment's end as its floor, so {@code next} lies above {@code current} and {@code current} cannot change
 * while a fetch runs. A thread reads {@code current} (volatile) in an order consistent with its moves, so the
 * IDs it receives strictly increase.
 */
final class SegmentSource implements SegmentGenerator {
    private static final System.Logger LOG = System.getLogger(SegmentSource.class.getName());
    /** After every store failed, the next fetch waits this long: a store that is down is not hammered, one that is back is found soon. */
    static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final String bizTag;
    private final StoreSet stores;
    private final SegmentCodec codec;
    private final StepPolicy steps;
    private final SegmentGeneratorBuilder.Settings settings;
    private final LongSupplier ticker;
    private final ExecutorService fetcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean fetching = new AtomicBoolean();

    private volatile Segment current = Segment.NONE;
    private volatile Segment next;
    private volatile SegmentException lastFailure;
    private volatile long retryNotBefore;
    private volatile long fetchStartedAt;
    private volatile boolean closed;
    private boolean drained; // guarded by lock: close has returned what it held; a late fetch returns its own

    /** IDs claimed from segments no longer current (guarded by lock; read without it for stats). */
    private volatile long retiredClaims;
    private final LongAdder waits = new LongAdder();
    private final LongAdder fetchFailures = new LongAdder();
    private final LongAdder returnedAtClose = new LongAdder();
    private final LongAdder lostAtClose = new LongAdder();

    private SegmentSource(SegmentGeneratorBuilder.Settings b, StoreSet stores, int initialStep) {
        this.name = b.name();
        this.bizTag = b.bizTag();
        this.stores = stores;
        this.codec = new SegmentCodec(b.bizTag(), stores.stride());
        this.steps = new StepPolicy(initialStep, b.minStep(), b.maxStep(), b.segmentDuration().toNanos());
        this.settings = b;
        this.ticker = b.ticker();
        this.fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "idmint-segment-" + b.name());
            t.setDaemon(true);
            return t;
        });
    }

    static SegmentSource start(SegmentGeneratorBuilder.Settings b) {
        StoreSet stores = new StoreSet(b.stores());
        int initialStep = StartupProbe.initialStep(b, stores);
        SegmentSource g = new SegmentSource(b, stores, initialStep);
        try {
            g.takeFirst();
        } catch (RuntimeException e) {
            g.fetcher.shutdownNow();
            throw e;
        }
        return g;
    }

    private void takeFirst() {
        fetching.set(true);
        fetch();
        lock.lock();
        try {
            if (next == null) {
                throw lastFailure != null ? lastFailure : new IllegalStateException("the first fetch neither failed nor gave a segment");
            }
            activate(next);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int issue(long[] into, int offset, BatchSize count) {
        int n = count.value();
        Objects.checkFromIndexSize(offset, n, into.length);
        Segment s = current;
        int took = s.fill(into, offset, n);
        if (took > 0) {
            afterTake(s);
        }
        // Small enough to inline: the rest of a batch, or a wait, happens out of line.
        return took == n ? 0 : issueRest(into, offset, n, took);
    }

    private int issueRest(long[] into, int offset, int n, int alreadyFilled) {
        long deadline = 0;
        boolean waited = false;
        for (int filled = alreadyFilled; filled < n; ) {
            Segment s = current;
            int took = s.fill(into, offset + filled, n - filled);
            if (took > 0) {
                filled += took;
                afterTake(s);
                continue;
            }
            if (!waited) {
                waited = true;
                deadline = System.nanoTime() + settings.maxWait().toNanos();
            }
            awaitNext(s, deadline);
        }
        return 0;
    }

    @Override
    public int tryIssue(long[] into, int offset, BatchSize count) {
        int n = count.value();
        Objects.checkFromIndexSize(offset, n, into.length);
        Segment s = current;
        if (s.fillExactly(into, offset, n)) {
            afterTake(s);
            return 0;
        }
        if (closed) {
            throw closedException();
        }
        if (!lock.tryLock()) {
            requestFetch();
            return -1;
        }
        try {
            return spanWithoutWaiting(into, offset, n) ? 0 : -1;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the batch from the current segment, or its rest plus the start of the loaded next one. */
    private boolean spanWithoutWaiting(long[] into, int offset, int n) {
        Segment s = current;
        if (s.fillExactly(into, offset, n)) {
            afterTake(s);
        } else {
            Segment nx = next;
            if (closed) {
                throw closedException();
            }
            if (nx == null || nx.size < n) {
                requestFetch();
                return false;
            }
            // Fewer than n are left in s (and only fewer can be left now), so the rest plus nx's start is the batch.
            int head = s.fillRest(into, offset);
            nx.fill(into, offset + head, n - head); // not current yet: nobody else can claim from it
            activate(nx);
            afterTake(nx);
        }
        return true;
    }

    private void afterTake(Segment s) {
        if (next == null && s.needsRefill()) {
            requestFetch();
        }
    }

    /**
     * Starts the background fetch unless one runs, the next segment is loaded already (a fetch would only take
     * the lock to find that out, making a concurrent tryIssue give up), the generator is closed, or the last
     * fetch failed just now.
     */
    private void requestFetch() {
        if (fetching.get() || next != null || closed || lastFailure != null && System.nanoTime() - retryNotBefore < 0) {
            return;
        }
        if (fetching.compareAndSet(false, true)) {
            try {
                fetcher.execute(this::fetch);
            } catch (RejectedExecutionException e) {
                fetching.set(false); // closing
            } catch (Throwable e) { // e.g. no native thread: a flag left set would block every later fetch
                settle(null, 0, SegmentException.unavailable("biz tag '" + bizTag + "': cannot start a fetch: " + e, e));
                throw e;
            }
        }
    }

    /** Waits, at most until {@code deadline}, for the segment after {@code exhausted}; another thread may have moved on already. */
    private void awaitNext(Segment exhausted, long deadline) {
        lock.lock();
        try {
            boolean counted = false;
            while (current == exhausted) {
                if (closed) {
                    throw closedException();
                }
                if (next != null) {
                    activate(next);
                    return;
                }
                requestFetch();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw noSegmentWithinMaxWait();
                }
                if (!counted) {
                    counted = true;
                    waits.increment();
                }
                changed.awaitNanos(pauseNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SegmentException.unavailable("generator " + name + " (biz tag '" + bizTag + "'): interrupted while waiting for a"
                    + " segment", e);
        } finally {
            lock.unlock();
        }
    }

    /** How long to sleep: until signalled, or until the pause after a failed fetch is over and another may start. */
    private long pauseNanos(long left) {
        if (lastFailure == null || fetching.get()) {
            return left;
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(left, retryNotBefore - System.nanoTime()));
    }

    private SegmentException noSegmentWithinMaxWait() {
        SegmentException failure = lastFailure;
        String why;
        if (failure != null) {
            why = "the last fetch failed: " + failure.getMessage();
        } else if (fetching.get()) {
            why = "the fetch of the next segment has not completed (started "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fetchStartedAt) + " ms ago)";
        } else {
            why = "no fetch could be started";
        }
        String message = "generator " + name + " (biz tag '" + bizTag + "'): no ID within maxWait " + settings.maxWait().toMillis()
                + " ms: both segments are used up and " + why;
        return failure != null && failure.kind() == FailureKind.PERMANENT ? SegmentException.refused(message, failure)
                : SegmentException.unavailable(message, failure);
    }

    /** Guarded by lock. */
    private void activate(Segment n) {
        n.activatedNanos = ticker.getAsLong();
        retiredClaims += current.issued();
        next = null;
        current = n;
    }

    /** IDs handed out so far (a snapshot: it may trail or, during a switch, lead calls in flight). */
    private long generated() {
        return closed ? retiredClaims : retiredClaims + current.issued();
    }

    /** One fetch, on the fetch thread (or the building thread for the first): a segment above the current one. */
    private void fetch() {
        Segment base = baseForFetch();
        if (base == null) {
            return;
        }
        fetchStartedAt = System.nanoTime();
        int step = 0;
        Segment got = null;
        SegmentException failure = null;
        try {
            step = steps.propose(base, ticker.getAsLong());
            got = stores.take(bizTag, step, base.end, settings.refillAtUsedRatio());
        } catch (SegmentException e) {
            failure = e;
        } catch (Throwable e) { // an Error too: settle() must run, or the fetch flag stays set and no fetch ever runs again
            failure = SegmentException.unavailable("biz tag '" + bizTag + "': fetching a segment failed: " + e, e);
        }
        settle(got, step, failure);
    }

    /** The segment a fetch must go above, or null when no fetch is needed (closed, or next already loaded). */
    private Segment baseForFetch() {
        lock.lock();
        try {
            if (closed || next != null) {
                fetching.set(false);
                changed.signalAll();
                return null;
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    private void settle(Segment got, int step, SegmentException failure) {
        lock.lock();
        try {
            if (got != null) {
                steps.accept(step);
                if (lastFailure != null) {
                    LOG.log(System.Logger.Level.INFO, "generator " + name + " (biz tag '" + bizTag + "'): fetching segments works again");
                }
                lastFailure = null;
                if (drained) {
                    returnAtClose(got, 0);
                } else {
                    next = got;
                }
            } else {
                noteFailure(failure);
            }
            fetching.set(false);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void noteFailure(SegmentException failure) {
        if (lastFailure == null) {
            LOG.log(System.Logger.Level.WARNING, "generator " + name + " (biz tag '" + bizTag + "'): fetching a segment failed; "
                    + current.remaining() + " IDs still buffered; retrying every " + TimeUnit.NANOSECONDS.toMillis(RETRY_PAUSE_NANOS)
                    + " ms while needed: " + failure.getMessage());
        }
        fetchFailures.increment();
        lastFailure = failure;
        retryNotBefore = System.nanoTime() + RETRY_PAUSE_NANOS;
    }

    /**
     * Stops issuing, lets a running fetch finish (at most maxWait; one finishing later returns its segment
     * itself), then returns the unused rest of both segments, the later one first: when they are contiguous in
     * one store, the second compare-and-set then finds the first's end and succeeds too.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fetcher.shutdown();
        awaitFetcher();
        lock.lock();
        try {
            drained = true;
            Segment cur = current;
            Segment nx = next;
            retiredClaims += cur.issued();
            int curFrom = cur.claimRest();
            next = null;
            if (nx != null) {
                returnAtClose(nx, nx.claimRest());
            }
            returnAtClose(cur, curFrom);
        } finally {
            lock.unlock();
        }
        if (settings.closeStores()) {
            stores.close();
        }
    }

    private void awaitFetcher() {
        try {
            fetcher.awaitTermination(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guarded by lock. Gives back the IDs from index {@code from} on, or counts them lost. */
    private void returnAtClose(Segment seg, int from) {
        if (seg.store < 0 || from >= seg.size) {
            return;
        }
        long count = seg.size - from;
        if (stores.giveBack(bizTag, seg, seg.idAt(from))) {
            returnedAtClose.add(count);
            return;
        }
        lostAtClose.add(count);
        LOG.log(System.Logger.Level.WARNING, "generator " + name + " (biz tag '" + bizTag + "'): could not return the " + count
                + " unused IDs " + seg.idAt(from) + ".." + seg.last() + " to " + stores.get(seg.store).location()
                + ": a segment was taken after ours, or the store failed; they are skipped, never issued");
    }

    private GeneratorClosedException closedException() {
        return new GeneratorClosedException("generator " + name + " (segment, biz tag '" + bizTag + "') is closed");
    }

    @Override
    public Readiness readiness() {
        if (closed) {
            return Readiness.notReady("generator " + name + " (segment, biz tag '" + bizTag + "') is closed");
        }
        SegmentException failure = lastFailure;
        if (current.remaining() > 0 || next != null || failure == null) {
            return Readiness.READY;
        }
        return Readiness.notReady("biz tag '" + bizTag + "': no IDs buffered and the last fetch failed: " + failure.getMessage());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String bizTag() {
        return bizTag;
    }

    @Override
    public String scheme() {
        return "segment";
    }

    @Override
    public IdCodec codec() {
        return codec;
    }

    @Override
    public Optional<BitLayout> layout() {
        return Optional.empty();
    }

    @Override
    public int datacenter() {
        return -1;
    }

    @Override
    public int worker() {
        return -1;
    }

    @Override
    public GeneratorStats stats() {
        return GeneratorStats.of(generated(), 0);
    }

    @Override
    public LeaseReport leases() {
        return LeaseReport.NONE;
    }

    private long remainingIds() {
        Segment nx = next;
        return Math.max(0, current.remaining()) + (nx == null ? 0 : nx.remaining());
    }

    @Override
    public List<SchemeGauge> gauges() {
        return List.of(
                new SchemeGauge("idmint_segment_remaining_ids", "IDs left in the current and the next segment", this::remainingIds),
                new SchemeGauge("idmint_segment_step", "IDs the next segment will hold (adapts to the issue rate)", steps::step),
                new SchemeGauge("idmint_segment_fetches", "segments taken from the stores", stores::fetches),
                new SchemeGauge("idmint_segment_fetch_failures", "fetches for which no store gave a segment", fetchFailures::sum),
                new SchemeGauge("idmint_segment_store_failures", "store operations that failed (a fetch may then use the next store)",
                        stores::failures),
                new SchemeGauge("idmint_segment_fetch_seconds", "how long the last segment fetch took", stores::lastFetchSeconds),
                new SchemeGauge("idmint_segment_waits", "requests that waited because both segments were used up", waits::sum),
                new SchemeGauge("idmint_segment_ids_returned_at_close", "unused IDs given back to the store at close",
                        returnedAtClose::sum),
                new SchemeGauge("idmint_segment_ids_lost_at_close", "unused IDs that could not be given back at close (skipped, never"
                        + " issued)", lostAtClose::sum));
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("biz_tag", bizTag);
        d.put("scheme", "segment");
        d.put("stores", stores.details());
        d.put("current", segmentDetails(current));
        Segment nx = next;
        d.put("next", nx == null ? null : segmentDetails(nx));
        d.put("fetching", fetching.get());
        d.put("step", steps.step());
        d.put("min_step", settings.minStep());
        d.put("max_step", settings.maxStep());
        d.put("segment_duration", settings.segmentDuration().toString());
        d.put("refill_at_used_ratio", settings.refillAtUsedRatio());
        d.put("max_wait", settings.maxWait().toString());
        d.put("generated", generated());
        d.put("fetches", stores.fetches());
        d.put("fetch_failures", fetchFailures.sum());
        d.put("waits", waits.sum());
        SegmentException failure = lastFailure;
        d.put("last_error", failure == null ? null : failure.getMessage());
        d.put("ids_returned_at_close", returnedAtClose.sum());
        d.put("ids_lost_at_close", lostAtClose.sum());
        d.put("closed", closed);
        return Collections.unmodifiableMap(d);
    }

    private Map<String, Object> segmentDetails(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.store < 0) {
            return Collections.unmodifiableMap(m);
        }
        int used = Math.min(s.used(), s.size);
        m.put("store", stores.get(s.store).location());
        m.put("first", s.first);
        m.put("last", s.last());
        m.put("next_id", used < s.size ? s.idAt(used) : null);
        m.put("remaining", s.size - used);
        m.put("size", s.size);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "NamedGenerator[" + name + ", segment: biz tag " + bizTag + ", " + stores.size() + " store(s), current " + current + "]";
    }
}
