package io.idmint.benchmarks;

import io.idmint.core.IdGenerator;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The schemes beside Snowflake, one ID per invocation, single thread; their references
 * ({@link SingleIdBenchmark#idmintWide}, {@link SingleIdBenchmark#jugUuidV7}) run in the same
 * {@code bin/bench --rounds} run, alternating with them.
 *
 * <ul>
 *   <li>{@link #hlcWide}: the HLC's policies ({@code logicalOffset(10 s)}, {@code borrowAhead(10 s)}) on an HLC
 *       layout whose counter cap does not bind ({@link Fixtures#hlcWideLayout()}: 18 counter bits above 4 node
 *       bits) and a {@code CachedTimeSource}, {@code nextId()}: the per-ID cost, against {@code idmintWide}.</li>
 *   <li>{@link #hlcPreset}: the HLC exactly as configured by default ({@code BitLayout.preset("hlc")}, system
 *       clock), {@code nextId()}. Its 12-bit counter caps it at 4,096,000 IDs/s; borrowing ahead lets a burst
 *       run 10 s of IDs ahead of the clock, then it issues at the cap. Setup issues that 10 s lead first, so the
 *       score is the steady state (the cap), not the burst.</li>
 *   <li>{@link #idmintUuidV7}: {@code UuidV7Generator.builder().node(1)}, {@code next()} returning a
 *       {@link UUID} like JUG; {@link #idmintUuidV7Into}: {@code next(long[2], 0, 1)}, the allocation-free
 *       per-ID path. Both draw 30 random bits per UUID from {@code SecureRandom}, the builder's default.</li>
 *   <li>{@link #idmintWide128}: {@code Wide128Generator.builder().node(1)}, {@code next(long[2], 0, 1)}
 *       (synchronized; reads the system clock in nanoseconds every call).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class SchemeBenchmark {

    @State(Scope.Benchmark)
    public static class HlcWide {
        Fixtures.Wide wide;

        @Setup(Level.Trial)
        public void setUp() {
            wide = Fixtures.hlcWide();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            wide.close();
        }
    }

    @State(Scope.Benchmark)
    public static class HlcPreset {
        IdGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.hlcPreset();
            useUpLead(generator);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }

        /**
         * Issues until the IDs run the whole maximum drift ahead of the clock, where borrowing stops (about
         * 41 million IDs, a second or two); gives up after a minute rather than hang a benchmark run.
         */
        static void useUpLead(IdGenerator g) {
            long leadMillis = Fixtures.HLC_MAX_DRIFT.toMillis() - 1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() - deadline < 0) {
                long id = 0;
                for (int i = 0; i < 4096; i++) {
                    id = g.nextId();
                }
                long issuedMillis = g.layout().decode(id).timestamp().toEpochMilli();
                if (issuedMillis - System.currentTimeMillis() >= leadMillis) {
                    return;
                }
            }
            throw new IllegalStateException("the HLC did not run " + leadMillis + " ms ahead of the clock within a minute");
        }
    }

    @State(Scope.Benchmark)
    public static class UuidV7 {
        UuidV7Generator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.uuidV7();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Wide128 {
        Wide128Generator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.wide128();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    /** Two words per 128-bit ID, per thread. */
    @State(Scope.Thread)
    public static class Out {
        final long[] two = new long[2];
    }

    @Benchmark
    public long hlcWide(HlcWide s) {
        return s.wide.generator.nextId();
    }

    @Benchmark
    public long hlcPreset(HlcPreset s) {
        return s.generator.nextId();
    }

    @Benchmark
    public UUID idmintUuidV7(UuidV7 s) {
        return s.generator.next();
    }

    @Benchmark
    public long[] idmintUuidV7Into(UuidV7 s, Out out) {
        s.generator.next(out.two, 0, 1);
        return out.two;
    }

    @Benchmark
    public long[] idmintWide128(Wide128 s, Out out) {
        s.generator.next(out.two, 0, 1);
        return out.two;
    }
}
