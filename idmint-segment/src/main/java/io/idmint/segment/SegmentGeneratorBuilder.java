package io.idmint.segment;

import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.NamedGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Configures a {@link SegmentGenerator}. Every setter checks its value and throws
 * {@link InvalidRequestException} naming the value and the limit; {@link #build()} checks how they fit together,
 * connects, and takes the first segment.
 *
 * <p><b>Concurrency.</b> A builder is meant for one thread; configure it, then build. Each {@code build()} makes
 * an independent generator: later changes to the builder do not reach it.
 */
public final class SegmentGeneratorBuilder {
    static final int DEFAULT_INITIAL_STEP = 1_000;
    static final int DEFAULT_MIN_STEP = 100;
    static final int DEFAULT_MAX_STEP = 1_000_000;
    static final Duration DEFAULT_SEGMENT_DURATION = Duration.ofMinutes(1);
    static final double DEFAULT_REFILL_AT_USED_RATIO = 0.25;
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    final String name;
    String bizTag;
    final List<SegmentStore> stores = new ArrayList<>();
    int initialStep = DEFAULT_INITIAL_STEP;
    boolean initialStepSet;
    int minStep = DEFAULT_MIN_STEP;
    int maxStep = DEFAULT_MAX_STEP;
    Duration segmentDuration = DEFAULT_SEGMENT_DURATION;
    double refillAtUsedRatio = DEFAULT_REFILL_AT_USED_RATIO;
    Duration maxWait = DEFAULT_MAX_WAIT;
    LongSupplier ticker = System::nanoTime;
    boolean closeStores;

    SegmentGeneratorBuilder(String name) {
        try {
            this.name = NamedGenerator.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        this.bizTag = name;
    }

    /** The key in the stores; default: the generator's name. */
    public SegmentGeneratorBuilder bizTag(String bizTag) {
        this.bizTag = SegmentStore.checkBizTag(bizTag);
        return this;
    }

    /**
     * Adds a store. With several, all must share one stride {@code N} (at least their number) and hold
     * different remainders: store {@code i} issues only values {@code ≡ i (mod N)}.
     */
    public SegmentGeneratorBuilder store(SegmentStore store) {
        stores.add(Checks.notNull("store", store));
        return this;
    }

    /**
     * The first segment's size; default: the key's stored step when it exists, else 1,000 (and a key created on
     * first use stores it).
     */
    public SegmentGeneratorBuilder initialStep(int initialStep) {
        this.initialStep = SegmentStore.checkStep("initialStep", initialStep);
        this.initialStepSet = true;
        return this;
    }

    /** The smallest segment the step adapts down to; default 100 (at most one store write per 100 IDs). */
    public SegmentGeneratorBuilder minStep(int minStep) {
        this.minStep = SegmentStore.checkStep("minStep", minStep);
        return this;
    }

    /** The largest segment the step adapts up to; default 1,000,000 (a crash loses fewer than 2,000,000 values). */
    public SegmentGeneratorBuilder maxStep(int maxStep) {
        this.maxStep = SegmentStore.checkStep("maxStep", maxStep);
        return this;
    }

    /**
     * How long a segment should last: the step doubles when one lasts less than half of it and halves when one
     * lasts more than twice; default 1 minute.
     */
    public SegmentGeneratorBuilder segmentDuration(Duration segmentDuration) {
        this.segmentDuration = Checks.positive("segmentDuration", segmentDuration, Duration.ofDays(1));
        return this;
    }

    /** The fraction of the current segment used at which the next one is fetched, in (0, 1); default 0.25. */
    public SegmentGeneratorBuilder refillAtUsedRatio(double refillAtUsedRatio) {
        this.refillAtUsedRatio = Checks.ratio("refillAtUsedRatio", refillAtUsedRatio);
        return this;
    }

    /** How long a caller may wait for a segment when both are used up, before RETRY_LATER; default 2 s. */
    public SegmentGeneratorBuilder maxWait(Duration maxWait) {
        this.maxWait = Checks.positive("maxWait", maxWait, Duration.ofMinutes(10));
        return this;
    }

    /**
     * The clock segments' lifetimes are measured with, in nanoseconds ({@link System#nanoTime} by default): a
     * seam for tests of the adaptive step. Waiting always uses the real clock.
     */
    public SegmentGeneratorBuilder ticker(LongSupplier nanoTime) {
        this.ticker = Checks.notNull("ticker", nanoTime);
        return this;
    }

    /** Whether {@link SegmentGenerator#close()} also closes the stores (default false: stores may be shared). */
    public SegmentGeneratorBuilder closeStores(boolean closeStores) {
        this.closeStores = closeStores;
        return this;
    }

    /**
     * Checks the settings together, reads the key on every reachable store (refusing one whose row has another
     * stride or remainder) and takes the first segment.
     *
     * @throws InvalidRequestException when settings contradict each other, naming them
     * @throws SegmentException RETRY_LATER when no store can be reached (naming each store and its error);
     *     PERMANENT when a store's configuration contradicts the key's row
     * With {@code closeStores(true)} a failed build closes the stores: the caller has no generator to close them with.
     */
    public SegmentGenerator build() {
        try {
            checkSteps();
            checkStores();
            return SegmentSource.start(new Settings(name, bizTag, List.copyOf(stores), initialStep, initialStepSet, minStep,
                    maxStep, segmentDuration, refillAtUsedRatio, maxWait, ticker, closeStores));
        } catch (RuntimeException e) {
            if (closeStores) {
                stores.forEach(SegmentStore::close);
            }
            throw e;
        }
    }

    /** What {@link #build()} saw: later changes to the builder do not reach a built generator. */
    record Settings(String name, String bizTag, List<SegmentStore> stores, int initialStep, boolean initialStepSet, int minStep,
                    int maxStep, Duration segmentDuration, double refillAtUsedRatio, Duration maxWait, LongSupplier ticker,
                    boolean closeStores) {}

    private void checkSteps() {
        if (minStep > maxStep) {
            throw new InvalidRequestException("minStep must be at most maxStep: minStep=" + minStep + ", maxStep=" + maxStep);
        }
        if (initialStepSet && (initialStep < minStep || initialStep > maxStep)) {
            throw new InvalidRequestException("initialStep must be " + minStep + ".." + maxStep + " (minStep..maxStep): initialStep="
                    + initialStep);
        }
    }

    private void checkStores() {
        if (stores.isEmpty()) {
            throw new InvalidRequestException("a segment generator needs at least one store: stores=0");
        }
        int stride = stores.get(0).stride();
        Set<Integer> remainders = new HashSet<>();
        for (SegmentStore s : stores) {
            if (s.stride() != stride) {
                throw new InvalidRequestException("all stores of a generator must have the same stride: " + stores.get(0).location()
                        + " has " + stride + ", " + s.location() + " has " + s.stride());
            }
            if (!remainders.add(s.remainder())) {
                throw new InvalidRequestException("each store must hold its own remainder: two stores have remainder "
                        + s.remainder() + " (mod " + stride + "), so they would issue the same IDs");
            }
        }
    }
}
