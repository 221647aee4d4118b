package io.idmint.testkit;

import io.idmint.core.BitLayout;
import io.idmint.core.GeneratorStats;
import io.idmint.core.IdBatch;
import io.idmint.core.IdGenerator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real generator that a test can hold (batch calls block until released) or make fail, so in-flight
 * calls and error paths happen on purpose rather than by timing.
 */
public final class ControlledGenerator implements IdGenerator {
    private final IdGenerator delegate;
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile RuntimeException failure;

    public ControlledGenerator(int worker) {
        this.delegate = IdGenerator.builder(BitLayout.DEFAULT).worker(worker).build();
    }

    /** From now on batch calls block until {@link #release()}. */
    public void hold() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Waits until a call is blocked in {@link #hold()}. */
    public void awaitHeldCall() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no call reached the held generator within 10 s");
        }
    }

    public void release() {
        release.countDown();
    }

    /** Every call throws {@code e} until {@code fail(null)}. */
    public void fail(RuntimeException e) {
        failure = e;
    }

    private void gate() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
        entered.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held generator was never released");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", ie);
        }
    }

    @Override
    public long nextId() {
        gate();
        return delegate.nextId();
    }

    @Override
    public IdBatch nextIds(int count) {
        gate();
        return delegate.nextIds(count);
    }

    @Override
    public int nextIds(long[] into, int offset, int count) {
        gate();
        return delegate.nextIds(into, offset, count);
    }

    /** Gated like the other calls, so a failure or a hold reaches the event loop's non-waiting path too. */
    @Override
    public int tryNextIds(long[] into, int offset, int count) {
        gate();
        return delegate.tryNextIds(into, offset, count);
    }

    @Override
    public BitLayout layout() {
        return delegate.layout();
    }

    @Override
    public int datacenter() {
        return delegate.datacenter();
    }

    @Override
    public int worker() {
        return delegate.worker();
    }

    @Override
    public GeneratorStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
