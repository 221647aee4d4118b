package io.idmint.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;

/**
 * IDs from idmint servers over gRPC, served from a local prefetch pool. Thread-safe.
 *
 * <p>{@link #nextId()} normally takes an ID from the pool without a lock or a network call. The pool is
 * a double buffer filled by GenerateBatch: when the active buffer falls below the low-water mark, a
 * background thread fetches the standby one, trying the servers in turn. A server outage is therefore
 * invisible until both buffers are used up; then {@code nextId()} waits at most
 * {@code maxWaitWhenEmpty} and throws {@link IdClientException}. Every ID of a fetched batch is handed
 * out exactly once, except those still pooled at {@link #close()}.
 *
 * <p>Failover: each GenerateBatch has its own deadline ({@code callTimeout}); on UNAVAILABLE, deadline
 * exceeded or any other error a different server might not repeat, the next address is tried. Errors
 * caused by the request itself (INVALID_ARGUMENT, FAILED_PRECONDITION, ...) end the round. The client
 * stays on the address that answered last, and retries failed rounds in the background with backoff
 * (20 ms doubling to 1 s), so it recovers by itself when a server comes back.
 *
 * <pre>{@code
 * try (IdClient ids = IdClient.builder().address("id1:50051").address("id2:50051").build()) {
 *     long id = ids.nextId();
 * }
 * }</pre>
 *
 * <p>A generator of 128-bit IDs (schemes {@code uuid7}, {@code wide128}) needs {@link Builder#wideIds()}:
 * {@link #nextText()} then returns their canonical text, from a batch fetched when the last one is used up
 * (no prefetch: the fetch happens under a lock, with the same failover).
 *
 * <p>Optionally ({@link Builder#checkDuplicates}) the client checks every batch against the last batches it
 * fetched: an ID issued twice is counted ({@link #collisionsDetected()}, and the listener given, e.g. to feed
 * an {@code idmint_collisions_detected_total} counter), logged, and not handed out again.
 */
public final class IdClient implements AutoCloseable {
    private final FailoverFetcher fetcher;
    private final ScheduledExecutorService refiller;
    private final IdPool pool;
    private final DuplicateCheck duplicates;
    private final boolean wide;
    private final Object textLock = new Object();
    private List<String> texts = List.of();
    private int nextText;

    private IdClient(Builder b) {
        this.wide = b.wide;
        this.fetcher = new FailoverFetcher(b.addresses, b.generator, b.batchSize, b.callTimeout);
        this.refiller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idmint-client-refill");
            t.setDaemon(true); // a forgotten close() must not keep the JVM alive
            return t;
        });
        this.duplicates = b.duplicateWindow > 0 ? new DuplicateCheck(fetcher, b.duplicateWindow, b.onCollisions) : null;
        this.pool = new IdPool(duplicates != null ? duplicates : fetcher, b.lowWaterMark, b.maxWaitWhenEmpty, refiller);
        if (!wide) {
            pool.requestRefill(); // the first batch is on its way before the first nextId()
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A unique ID.
     *
     * @throws IdClientException when the pool is empty and stays so for {@code maxWaitWhenEmpty}, or the
     *     client is closed
     */
    public long nextId() {
        if (wide) {
            throw new IdClientException("this client was built with wideIds(): its generator issues 128-bit IDs; call nextText()");
        }
        return pool.next();
    }

    /**
     * A unique ID as text: a 128-bit ID's canonical text (a UUID, or 26 base32 symbols) with
     * {@link Builder#wideIds()}, else {@link #nextId()} in decimal.
     *
     * @throws IdClientException when every server fails, or the generator's IDs are not of the width built for
     */
    public String nextText() {
        if (!wide) {
            return Long.toString(nextId());
        }
        synchronized (textLock) {
            if (nextText == texts.size()) {
                texts = fetcher.fetchTexts();
                nextText = 0;
            }
            return texts.get(nextText++);
        }
    }

    /**
     * IDs the duplicate check found issued more than once so far (each occurrence after the first); 0 when the
     * check is off.
     */
    public long collisionsDetected() {
        return duplicates == null ? 0 : duplicates.collisions();
    }

    /** Drops the pooled IDs, stops refilling and shuts the channels down. */
    @Override
    public void close() {
        pool.close();
        refiller.shutdownNow();
        fetcher.close();
    }

    @Override
    public String toString() {
        return "IdClient" + fetcher.describe();
    }

    /** Settings for an {@link IdClient}; at least one address is required. */
    public static final class Builder {
        private final List<String> addresses = new ArrayList<>();
        private String generator = "";
        private int batchSize = 10_000;
        private double lowWaterMark = 0.5;
        private Duration callTimeout = Duration.ofMillis(500);
        private Duration maxWaitWhenEmpty = Duration.ofSeconds(1);
        private boolean wide;
        private int duplicateWindow;
        private LongConsumer onCollisions = n -> { };

        private Builder() {}

        /**
         * Checks every fetched batch against itself and the last {@code windowBatches} batches (1..10000; memory:
         * that many batches of IDs): an ID seen again is a collision, counted, logged and dropped. Off by default.
         */
        public Builder checkDuplicates(int windowBatches) {
            if (windowBatches < 1 || windowBatches > 10_000) {
                throw new IllegalArgumentException("checkDuplicates window must be 1..10000 batches: windowBatches=" + windowBatches);
            }
            this.duplicateWindow = windowBatches;
            return this;
        }

        /**
         * Told the number of collisions each time the duplicate check finds some, on the refill thread: wire it to
         * your metrics, e.g. {@code Counter.builder("idmint_collisions_detected").register(registry)::increment}.
         */
        public Builder onCollisions(LongConsumer listener) {
            if (listener == null) {
                throw new IllegalArgumentException("onCollisions listener must not be null");
            }
            this.onCollisions = listener;
            return this;
        }

        /** The generator issues 128-bit IDs (uuid7, wide128): {@link IdClient#nextText()} serves them. */
        public Builder wideIds() {
            this.wide = true;
            return this;
        }

        /** A server as a gRPC target, e.g. {@code host:50051}; tried in the order added. */
        public Builder address(String target) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("address must be a gRPC target like host:port: address='" + target + "'");
            }
            addresses.add(target.strip());
            return this;
        }

        /** Which of the servers' named generators to draw from, e.g. {@code orders}; default: the servers' default. */
        public Builder generator(String name) {
            if (name == null) {
                throw new IllegalArgumentException("generator must not be null: use \"\" for the servers' default");
            }
            this.generator = name;
            return this;
        }

        /** IDs per GenerateBatch call, 1..100000; default 10,000. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batchSize must be 1..100000: batchSize=" + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * The fraction of the active buffer left when the standby fetch starts, in (0, 1]; default 0.5.
         * Higher keeps more IDs in reserve for an outage; 1 fetches the standby as soon as it is swapped in.
         */
        public Builder lowWaterMark(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("lowWaterMark must be in (0, 1]: lowWaterMark=" + fraction);
            }
            this.lowWaterMark = fraction;
            return this;
        }

        /** Deadline of each GenerateBatch call, after which the next address is tried; default 500 ms. */
        public Builder callTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive: callTimeout=" + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /** How long {@code nextId()} waits for a refill when the pool is empty; default 1 s, 0 = fail at once. */
        public Builder maxWaitWhenEmpty(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new IllegalArgumentException("maxWaitWhenEmpty must be >= 0: maxWaitWhenEmpty=" + wait);
            }
            this.maxWaitWhenEmpty = wait;
            return this;
        }

        public IdClient build() {
            if (addresses.isEmpty()) {
                throw new IllegalStateException("at least one address is required: addresses=[]");
            }
            return new IdClient(this);
        }
    }
}
