package io.idmint.benchmarks;

import io.idmint.core.issuing.BatchSize;
import io.idmint.segment.SegmentGenerator;
import me.ahoo.cosid.segment.DefaultSegmentId;
import me.ahoo.cosid.segment.SegmentChainId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Segment mode, one ID per invocation, from an in-memory store, so that what is measured is each generator's
 * buffer (claiming an ID, noticing the end of a segment, switching), not a database. Run with {@code -t 1} and
 * {@code -t 2} ({@code bin/bench --rounds} does both, alternating the generators).
 *
 * <ul>
 *   <li>{@link #idmintSegment}: idmint's {@link SegmentGenerator} over {@link MemorySegmentStore}, step fixed
 *       (initial = min = max = {@code step}), one ID per call through
 *       {@code issue(long[1], 0, BatchSize.ONE)}: the NamedGenerator API has no single-ID method, and this is the
 *       call every face makes for a single ID.</li>
 *   <li>{@link #idmintSegmentTry}: the same through {@code tryIssue}, falling back to {@code issue} on -1 (what
 *       the server's event loops do); it skips issue's batch loop.</li>
 *   <li>{@link #cosidSegmentChain}: CosId {@code SegmentChainId} over {@code IdSegmentDistributor.Atomic(step)}
 *       (CosId's fastest segment generator: a chain of prefetched segments).</li>
 *   <li>{@link #cosidSegmentId}: CosId {@code DefaultSegmentId} over the same distributor (one segment, a
 *       synchronized refill by the caller).</li>
 *   <li>{@link #leafSegment}: {@link LeafSegmentBuffer}, Leaf's double buffer written here.</li>
 * </ul>
 *
 * <p>All use the same {@code step} (default 1,000,000: idmint's default maxStep and Leaf's MAX_STEP, the size a
 * busy generator adapts to; CosId's default is 10). {@code -p step=1000} shows how each copes with frequent
 * refills. Goal (issue 13): idmint &gt;= CosId {@code SegmentChainId} in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class SegmentBenchmark {

    @State(Scope.Benchmark)
    public static class Idmint {
        @Param({"1000000"})
        int step;
        SegmentGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.idmintSegment(step);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    /** Each thread's destination for its one ID, so threads do not share a written cache line. */
    @State(Scope.Thread)
    public static class Out {
        final long[] one = new long[1];
    }

    @State(Scope.Benchmark)
    public static class CosIdChain {
        @Param({"1000000"})
        int step;
        SegmentChainId generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.cosidSegmentChain(step);
        }
    }

    @State(Scope.Benchmark)
    public static class CosIdSingle {
        @Param({"1000000"})
        int step;
        DefaultSegmentId generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.cosidSegmentId(step);
        }
    }

    @State(Scope.Benchmark)
    public static class Leaf {
        @Param({"1000000"})
        int step;
        LeafSegmentBuffer buffer;

        @Setup(Level.Trial)
        public void setUp() {
            buffer = new LeafSegmentBuffer(step);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            buffer.close();
        }
    }

    @Benchmark
    public long idmintSegment(Idmint s, Out out) {
        s.generator.issue(out.one, 0, BatchSize.ONE);
        return out.one[0];
    }

    @Benchmark
    public long idmintSegmentTry(Idmint s, Out out) {
        if (s.generator.tryIssue(out.one, 0, BatchSize.ONE) < 0) {
            s.generator.issue(out.one, 0, BatchSize.ONE);
        }
        return out.one[0];
    }

    @Benchmark
    public long cosidSegmentChain(CosIdChain s) {
        return s.generator.generate();
    }

    @Benchmark
    public long cosidSegmentId(CosIdSingle s) {
        return s.generator.generate();
    }

    @Benchmark
    public long leafSegment(Leaf s) {
        return s.buffer.next();
    }
}
