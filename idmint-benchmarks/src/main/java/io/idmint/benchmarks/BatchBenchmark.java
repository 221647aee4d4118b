package io.idmint.benchmarks;

import cn.hutool.core.lang.Snowflake;
import io.idmint.core.IdBatch;
import org.agrona.concurrent.SnowflakeIdGenerator;
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

import java.util.concurrent.TimeUnit;

/**
 * 4096 IDs per benchmark invocation, single thread. Scores are batches per second; {@code bin/bench}
 * (via {@link BenchReport}) multiplies them by 4096 to get IDs/s, and reports
 * {@code ns/ID = 1e9 / (ops/s * 4096)}.
 *
 * <ul>
 *   <li>{@link #idmintWideNextIds}: {@code nextIds(4096)} on the 22-sequence-bit layout with a
 *       {@code CachedTimeSource}. Goal: &lt;= 2 ns per ID.</li>
 *   <li>{@link #idmintWideNextIdsInto}: {@code nextIds(long[], 0, 4096)}, the same without allocating.</li>
 *   <li>{@link #idmintWideNextIdLoop}: the same generator, 4096 {@code nextId()} calls into a
 *       {@code long[4096]}: what batching buys over calling {@code nextId()} in a loop.</li>
 *   <li>{@link #hutoolLoop}, {@link #agronaLoop}: 4096 {@code nextId()} calls into a {@code long[4096]}.
 *       Both have 12-bit sequences, so they are capped at 4096 IDs per ms (about 1 batch per ms), as is
 *       idmint's {@code BitLayout.DEFAULT} (4,096,000 IDs/s per worker, goal &gt;= 99.5% of that cap,
 *       measured in {@link SingleIdBenchmark#idmintDefault}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class BatchBenchmark {

    /** The wide idmint generator plus a reusable destination array for the nextId() loop. */
    @State(Scope.Thread)
    public static class IdmintWide {
        Fixtures.Wide wide;
        final long[] out = new long[Fixtures.BATCH];

        @Setup(Level.Trial)
        public void setUp() {
            wide = Fixtures.idmintWide();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            wide.close();
        }
    }

    @State(Scope.Thread)
    public static class Hutool {
        Snowflake snowflake;
        final long[] out = new long[Fixtures.BATCH];

        @Setup(Level.Trial)
        public void setUp() {
            snowflake = Fixtures.hutool();
        }
    }

    @State(Scope.Thread)
    public static class Agrona {
        SnowflakeIdGenerator generator;
        final long[] out = new long[Fixtures.BATCH];

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.agrona();
        }
    }

    @Benchmark
    public IdBatch idmintWideNextIds(IdmintWide s) {
        return s.wide.generator.nextIds(Fixtures.BATCH);
    }

    /** The zero-allocation form: the same run of IDs written into the caller's array. */
    @Benchmark
    public long[] idmintWideNextIdsInto(IdmintWide s) {
        s.wide.generator.nextIds(s.out, 0, Fixtures.BATCH);
        return s.out;
    }

    @Benchmark
    public long[] idmintWideNextIdLoop(IdmintWide s) {
        long[] out = s.out;
        var g = s.wide.generator;
        for (int i = 0; i < out.length; i++) {
            out[i] = g.nextId();
        }
        return out;
    }

    @Benchmark
    public long[] hutoolLoop(Hutool s) {
        long[] out = s.out;
        Snowflake g = s.snowflake;
        for (int i = 0; i < out.length; i++) {
            out[i] = g.nextId();
        }
        return out;
    }

    @Benchmark
    public long[] agronaLoop(Agrona s) {
        long[] out = s.out;
        SnowflakeIdGenerator g = s.generator;
        for (int i = 0; i < out.length; i++) {
            out[i] = g.nextId();
        }
        return out;
    }
}
