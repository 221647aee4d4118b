package io.idmint.benchmarks;

import cn.hutool.core.lang.Snowflake;
import com.github.f4b6a3.tsid.TsidFactory;
import io.idmint.core.BitLayout;
import io.idmint.core.CachedTimeSource;
import io.idmint.core.IdGenerator;
import io.idmint.core.TimeSource;
import org.agrona.concurrent.SnowflakeIdGenerator;

/** The generators under test, configured the same way for every benchmark that uses them. */
final class Fixtures {

    /** Size of one batch in {@link BatchBenchmark}; the report multiplies batch ops/s by this. */
    static final int BATCH = 4096;

    /** 2024-01-01T00:00:00Z, the epoch of {@code BitLayout.DEFAULT}. */
    static final long EPOCH_2024 = 1704067200000L;

    /**
     * 41-bit ms timestamp and 22 sequence bits (no datacenter or worker bits): 4,194,304 IDs per 1 ms tick,
     * far above what one thread can produce, so the per-tick sequence cap does not bind.
     *
     * <p>A method rather than a constant, so that the peers' benchmarks never initialise idmint classes.
     */
    static BitLayout wideLayout() {
        return BitLayout.builder()
                .name("wide-seq22")
                .timestampBits(41)
                .datacenterBits(0)
                .workerBits(0)
                .sequenceBits(22)
                .tickMillis(1)
                .epochMillis(EPOCH_2024)
                .build();
    }

    private Fixtures() {
    }

    /** {@code BitLayout.DEFAULT}, datacenter 0, worker 1, default (system) time source. */
    static IdGenerator idmintDefault() {
        return IdGenerator.builder(BitLayout.DEFAULT).datacenter(0).worker(1).build();
    }

    /** {@link #wideLayout()} on a freshly started {@link CachedTimeSource}; close both with {@link Wide#close()}. */
    static Wide idmintWide() {
        CachedTimeSource ts = CachedTimeSource.start(TimeSource.system());
        try {
            IdGenerator g = IdGenerator.builder(wideLayout()).datacenter(0).worker(0).timeSource(ts).build();
            return new Wide(g, ts);
        } catch (RuntimeException e) {
            ts.close();
            throw e;
        }
    }

    /** hutool {@code Snowflake(workerId 1, datacenterId 0)}: 5+5 node bits, 12 sequence bits. */
    static Snowflake hutool() {
        return new Snowflake(1, 0);
    }

    /** tsid-creator with 10 node bits (12 counter bits), node 0. */
    static TsidFactory tsid() {
        return TsidFactory.newInstance1024(0);
    }

    /** Agrona {@code SnowflakeIdGenerator(nodeId 1)}: 10 node bits, 12 sequence bits. */
    static SnowflakeIdGenerator agrona() {
        return new SnowflakeIdGenerator(1);
    }

    /** An idmint generator together with the cached time source it reads. */
    static final class Wide implements AutoCloseable {
        final IdGenerator generator;
        final CachedTimeSource timeSource;

        Wide(IdGenerator generator, CachedTimeSource timeSource) {
            this.generator = generator;
            this.timeSource = timeSource;
        }

        @Override
        public void close() {
            generator.close();
            timeSource.close();
        }
    }
}
