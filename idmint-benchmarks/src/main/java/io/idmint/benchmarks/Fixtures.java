package io.idmint.benchmarks;

import cn.hutool.core.lang.Snowflake;
import com.github.f4b6a3.tsid.TsidFactory;
import io.idmint.core.BitLayout;
import io.idmint.core.CachedTimeSource;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Field;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.TimeSource;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.Wide128Generator;
import io.idmint.segment.SegmentGenerator;
import java.time.Duration;
import me.ahoo.cosid.segment.DefaultSegmentId;
import me.ahoo.cosid.segment.IdSegmentDistributor;
import me.ahoo.cosid.segment.SegmentChainId;
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

    /** The HLC's default maximum drift ({@code hlc.maxDriftMillis}, 10 s), as the config gives it. */
    static final Duration HLC_MAX_DRIFT = Duration.ofSeconds(10);

    /**
     * An HLC layout whose counter cap does not bind: the node below the counter as in the {@code hlc} preset, but
     * 41 timestamp, 18 counter and 4 worker bits (262,144 IDs per ms per node, 16 nodes), so that, like
     * {@link #wideLayout()}, it measures the per-ID cost rather than the cap.
     */
    static BitLayout hlcWideLayout() {
        return BitLayout.builder()
                .name("hlc-wide-seq18")
                .order(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER)
                .timestampBits(41)
                .sequenceBits(18)
                .datacenterBits(0)
                .workerBits(4)
                .tickMillis(1)
                .epochMillis(EPOCH_2024)
                .build();
    }

    private Fixtures() {
    }

    /** The HLC policies as the composition root sets them: run ahead of the clock instead of waiting. */
    private static IdGeneratorBuilder hlc(BitLayout layout) {
        return IdGenerator.builder(layout).datacenter(0).worker(1)
                .rollbackPolicy(ClockRollbackPolicy.logicalOffset(HLC_MAX_DRIFT))
                .overflowPolicy(SequenceOverflowPolicy.borrowAhead(HLC_MAX_DRIFT));
    }

    /** The HLC on {@code BitLayout.preset("hlc")} (12-bit counter: 4,096,000 IDs/s per node) and the system clock. */
    static IdGenerator hlcPreset() {
        return hlc(BitLayout.preset("hlc")).build();
    }

    /** The HLC on {@link #hlcWideLayout()} and a fresh {@link CachedTimeSource}, like {@link #idmintWide()}. */
    static Wide hlcWide() {
        CachedTimeSource ts = CachedTimeSource.start(TimeSource.system());
        try {
            return new Wide(hlc(hlcWideLayout()).timeSource(ts).build(), ts);
        } catch (RuntimeException e) {
            ts.close();
            throw e;
        }
    }

    /** {@code UuidV7Generator.builder().node(1)}: system clock, {@code SecureRandom} (the builder's default). */
    static UuidV7Generator uuidV7() {
        return UuidV7Generator.builder().node(1).build();
    }

    /** {@code Wide128Generator.builder().node(1)}: system clock in nanoseconds, 1 s maximum lead. */
    static Wide128Generator wide128() {
        return Wide128Generator.builder().node(1).build();
    }

    /**
     * idmint's segment generator over {@link MemorySegmentStore} with a fixed step (initial = min = max), so its
     * segments are as large as the peers' and never adapt.
     */
    static SegmentGenerator idmintSegment(int step) {
        return SegmentGenerator.builder("bench").store(new MemorySegmentStore())
                .initialStep(step).minStep(step).maxStep(step).closeStores(true).build();
    }

    /** CosId {@code SegmentChainId} over {@code IdSegmentDistributor.Atomic(step)}: its defaults otherwise. */
    static SegmentChainId cosidSegmentChain(int step) {
        return new SegmentChainId(new IdSegmentDistributor.Atomic(step));
    }

    /** CosId {@code DefaultSegmentId} over {@code IdSegmentDistributor.Atomic(step)}. */
    static DefaultSegmentId cosidSegmentId(int step) {
        return new DefaultSegmentId(new IdSegmentDistributor.Atomic(step));
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
