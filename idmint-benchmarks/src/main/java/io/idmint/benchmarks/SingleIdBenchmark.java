package io.idmint.benchmarks;

import cn.hutool.core.lang.Snowflake;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.github.f4b6a3.tsid.TsidFactory;
import io.idmint.core.IdGenerator;
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

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One ID per benchmark invocation, single thread, for idmint and its peers.
 *
 * <ul>
 *   <li>{@link #idmintDefault}: {@code BitLayout.DEFAULT} (41-bit ms timestamp, 5 datacenter, 5 worker,
 *       12 sequence bits), system time source. This layout <b>caps at 4,096,000 IDs/s per worker</b>
 *       (4096 sequence values per 1 ms tick), so throughput here measures how close the generator gets to
 *       its own ceiling, not its raw speed. The goal is &gt;= 99.5% of that cap (&gt;= 4,075,520 IDs/s),
 *       i.e. hardly a tick is lost while waiting for the clock to advance.</li>
 *   <li>{@link #idmintWide}: a layout with 22 sequence bits (no datacenter/worker bits) on a
 *       {@code CachedTimeSource}, so the per-tick cap (~4.19e9/s) never binds and the raw per-ID cost is
 *       measured. Goal: &gt;= 2x tsid-creator.</li>
 *   <li>Peers: hutool {@code Snowflake} (12-bit sequence, so also capped at ~4.1M/s), tsid-creator
 *       {@code TsidFactory.newInstance1024(0)}, Agrona {@code SnowflakeIdGenerator(1)} (12-bit sequence),
 *       JUG UUIDv7 ({@code Generators.timeBasedEpochGenerator()}) and {@link UUID#randomUUID()}.</li>
 * </ul>
 *
 * <p>Each generator lives in its own {@link State} class so that a benchmark only sets up (and, for the
 * cached time source, starts a thread for) the generator it measures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class SingleIdBenchmark {

    /** idmint with {@code BitLayout.DEFAULT} and the default (system) time source. */
    @State(Scope.Benchmark)
    public static class IdmintDefault {
        IdGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.idmintDefault();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            generator.close();
        }
    }

    /** idmint with the 22-bit-sequence layout on a cached time source. */
    @State(Scope.Benchmark)
    public static class IdmintWide {
        Fixtures.Wide wide;

        @Setup(Level.Trial)
        public void setUp() {
            wide = Fixtures.idmintWide();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            wide.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Hutool {
        Snowflake snowflake;

        @Setup(Level.Trial)
        public void setUp() {
            snowflake = Fixtures.hutool();
        }
    }

    @State(Scope.Benchmark)
    public static class Tsid {
        TsidFactory factory;

        @Setup(Level.Trial)
        public void setUp() {
            factory = Fixtures.tsid();
        }
    }

    @State(Scope.Benchmark)
    public static class Agrona {
        SnowflakeIdGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Fixtures.agrona();
        }
    }

    @State(Scope.Benchmark)
    public static class Jug {
        TimeBasedEpochGenerator generator;

        @Setup(Level.Trial)
        public void setUp() {
            generator = Generators.timeBasedEpochGenerator();
        }
    }

    @Benchmark
    public long idmintDefault(IdmintDefault s) {
        return s.generator.nextId();
    }

    @Benchmark
    public long idmintWide(IdmintWide s) {
        return s.wide.generator.nextId();
    }

    @Benchmark
    public long hutoolSnowflake(Hutool s) {
        return s.snowflake.nextId();
    }

    @Benchmark
    public long tsidCreator(Tsid s) {
        return s.factory.create().toLong();
    }

    @Benchmark
    public long agronaSnowflake(Agrona s) {
        return s.generator.nextId();
    }

    @Benchmark
    public UUID jugUuidV7(Jug s) {
        return s.generator.generate();
    }

    @Benchmark
    public UUID jdkRandomUuid() {
        return UUID.randomUUID();
    }
}
