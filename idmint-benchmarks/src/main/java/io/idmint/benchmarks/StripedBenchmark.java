package io.idmint.benchmarks;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Several worker IDs per process on the default layout, whose 12-bit sequence caps one worker at
 * 4,096,000 IDs/s: {@link #single} is one worker ID, {@link #striped} two behind {@code IdGenerator.striped},
 * each JMH thread stuck to one. Run {@code single} at 1 thread and {@code striped} at 2 (the "striped"
 * plan of {@code bin/bench --rounds}): the goal is striped at 2 threads ≥ 1.8 × single at 1 thread, the
 * scaling the layout allows (the cap binds per worker). {@code single} at 2 threads shows what one worker
 * gives two threads: the cap, shared.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class StripedBenchmark {

    @State(Scope.Benchmark)
    public static class Single {
        IdGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = IdGenerator.builder(BitLayout.DEFAULT).worker(1).build();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Striped {
        IdGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = IdGenerator.striped(List.of(IdGenerator.builder(BitLayout.DEFAULT).worker(1).build(),
                    IdGenerator.builder(BitLayout.DEFAULT).worker(2).build()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    @Benchmark
    public long single(Single s) {
        return s.generator.nextId();
    }

    @Benchmark
    public long striped(Striped s) {
        return s.generator.nextId();
    }
}
