package io.idmint.spring.boot.autoconfigure;

import io.idmint.config.AllocationKind;
import io.idmint.config.ClockKind;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One generator's settings, as the YAML config file's {@code scheme:}, {@code layout:}, {@code generator:},
 * {@code workers:}, {@code hlc:}, {@code uuid7:} and {@code wide128:} sections hold them, key for key
 * ({@code rollbackMaxWaitMillis} is {@code rollback-max-wait-millis} here). A key left unset keeps the file's
 * default at the top level, and the top level's value in a named generator ({@code idmint.generators.NAME.*}),
 * except the scheme, which is each generator's own.
 */
public class GeneratorProperties {
    /** The ID scheme: snowflake (64-bit, k-sorted; the default), hlc, uuid7 or wide128. Not inherited by named generators. */
    private Scheme scheme;

    @NestedConfigurationProperty
    private final Layout layout = new Layout();

    @NestedConfigurationProperty
    private final Generator generator = new Generator();

    @NestedConfigurationProperty
    private final Workers workers = new Workers();

    @NestedConfigurationProperty
    private final Hlc hlc = new Hlc();

    @NestedConfigurationProperty
    private final Uuid7 uuid7 = new Uuid7();

    @NestedConfigurationProperty
    private final Wide128 wide128 = new Wide128();

    public Scheme getScheme() {
        return scheme;
    }

    public void setScheme(Scheme scheme) {
        this.scheme = scheme;
    }

    public Layout getLayout() {
        return layout;
    }

    public Generator getGenerator() {
        return generator;
    }

    public Workers getWorkers() {
        return workers;
    }

    public Hlc getHlc() {
        return hlc;
    }

    public Uuid7 getUuid7() {
        return uuid7;
    }

    public Wide128 getWide128() {
        return wide128;
    }

    /** The schemes the starter composes (the service also runs segment). */
    public enum Scheme { SNOWFLAKE, HLC, UUID7, WIDE128 }

    /** The layout presets (BitLayout.presets()). */
    public enum Preset { DEFAULT, TWITTER, DISCORD, INSTAGRAM, SONYFLAKE, JS_SAFE, HLC }

    /** The fields of a layout, high bit to low in {@code order}. */
    public enum LayoutField { TIMESTAMP, DATACENTER, WORKER, SEQUENCE }

    /** What a generator does when the clock steps back. */
    public enum RollbackPolicy { WAIT, LOGICAL_OFFSET, FAIL_FAST }

    /** What a generator does when a tick's sequence is used up. */
    public enum OverflowPolicy { SPIN, BORROW }

    /** {@code layout:}: how IDs are composed. */
    public static class Layout {
        /** Layout preset: default, twitter, discord, instagram, sonyflake, js-safe or hlc; the keys below change it. Default: default. */
        private Preset preset;

        /** Name of a layout changed from its preset. Default: the preset's name with -custom. */
        private String name;

        /** Epoch of the timestamp field, an ISO-8601 instant such as 2024-01-01T00:00:00Z. */
        private String epoch;

        /** Milliseconds per timestamp tick, 1..1000. */
        private Long tickMillis;

        /** Width of the timestamp field in bits. */
        private Integer timestampBits;

        /** Width of the datacenter field in bits. */
        private Integer datacenterBits;

        /** Width of the worker field in bits. */
        private Integer workerBits;

        /** Width of the sequence field in bits. */
        private Integer sequenceBits;

        /** Order of the fields, high bit to low, e.g. timestamp,datacenter,worker,sequence. */
        private List<LayoutField> order;

        /** Warn when less of the layout's life than this many days remains. Default: 365. */
        private Integer lifetimeWarningDays;

        public Preset getPreset() {
            return preset;
        }

        public void setPreset(Preset preset) {
            this.preset = preset;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getEpoch() {
            return epoch;
        }

        public void setEpoch(String epoch) {
            this.epoch = epoch;
        }

        public Long getTickMillis() {
            return tickMillis;
        }

        public void setTickMillis(Long tickMillis) {
            this.tickMillis = tickMillis;
        }

        public Integer getTimestampBits() {
            return timestampBits;
        }

        public void setTimestampBits(Integer timestampBits) {
            this.timestampBits = timestampBits;
        }

        public Integer getDatacenterBits() {
            return datacenterBits;
        }

        public void setDatacenterBits(Integer datacenterBits) {
            this.datacenterBits = datacenterBits;
        }

        public Integer getWorkerBits() {
            return workerBits;
        }

        public void setWorkerBits(Integer workerBits) {
            this.workerBits = workerBits;
        }

        public Integer getSequenceBits() {
            return sequenceBits;
        }

        public void setSequenceBits(Integer sequenceBits) {
            this.sequenceBits = sequenceBits;
        }

        public List<LayoutField> getOrder() {
            return order;
        }

        public void setOrder(List<LayoutField> order) {
            this.order = order;
        }

        public Integer getLifetimeWarningDays() {
            return lifetimeWarningDays;
        }

        public void setLifetimeWarningDays(Integer lifetimeWarningDays) {
            this.lifetimeWarningDays = lifetimeWarningDays;
        }
    }

    /** {@code generator:}: identity, clock, policies and restart safety. */
    public static class Generator {
        /** Datacenter (region) number in the IDs. Default: 0. */
        private Long datacenter;

        /** Worker ID for static allocation (or a static ID under hybrid allocation). Default: 0; give every instance its own. */
        private Long worker;

        /** Clock the generator reads: system, or monotonic (wall time at start plus System.nanoTime). Default: system. */
        private ClockKind clock;

        /** What to do when the clock steps back: wait, logical-offset or fail-fast. Default: wait. */
        private RollbackPolicy rollbackPolicy;

        /** How long the wait policy waits for the clock to catch up, in milliseconds. Default: 1000. */
        private Long rollbackMaxWaitMillis;

        /** How far the logical-offset policy runs ahead of the clock, in milliseconds. Default: 1000. */
        private Long rollbackMaxLeadMillis;

        /** What to do when a tick's sequence is used up: spin (wait for the next tick) or borrow (run ahead). Default: spin. */
        private OverflowPolicy overflowPolicy;

        /** How far the borrow policy runs ahead of the clock, in milliseconds. */
        private Long overflowMaxLeadMillis;

        /** Directory of the high-water mark that keeps a restarted worker from reusing timestamps; empty turns it off. Default: ./data. */
        private String stateDir;

        /** How far ahead of the clock each persisted reservation reaches, in milliseconds. Default: 1000. */
        private Long reservationWindowMillis;

        /** How long a start may wait for the clock to pass a stored high-water mark, in milliseconds. Default: 3000. */
        private Long maxStartupWaitMillis;

        public Long getDatacenter() {
            return datacenter;
        }

        public void setDatacenter(Long datacenter) {
            this.datacenter = datacenter;
        }

        public Long getWorker() {
            return worker;
        }

        public void setWorker(Long worker) {
            this.worker = worker;
        }

        public ClockKind getClock() {
            return clock;
        }

        public void setClock(ClockKind clock) {
            this.clock = clock;
        }

        public RollbackPolicy getRollbackPolicy() {
            return rollbackPolicy;
        }

        public void setRollbackPolicy(RollbackPolicy rollbackPolicy) {
            this.rollbackPolicy = rollbackPolicy;
        }

        public Long getRollbackMaxWaitMillis() {
            return rollbackMaxWaitMillis;
        }

        public void setRollbackMaxWaitMillis(Long rollbackMaxWaitMillis) {
            this.rollbackMaxWaitMillis = rollbackMaxWaitMillis;
        }

        public Long getRollbackMaxLeadMillis() {
            return rollbackMaxLeadMillis;
        }

        public void setRollbackMaxLeadMillis(Long rollbackMaxLeadMillis) {
            this.rollbackMaxLeadMillis = rollbackMaxLeadMillis;
        }

        public OverflowPolicy getOverflowPolicy() {
            return overflowPolicy;
        }

        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }

        public Long getOverflowMaxLeadMillis() {
            return overflowMaxLeadMillis;
        }

        public void setOverflowMaxLeadMillis(Long overflowMaxLeadMillis) {
            this.overflowMaxLeadMillis = overflowMaxLeadMillis;
        }

        public String getStateDir() {
            return stateDir;
        }

        public void setStateDir(String stateDir) {
            this.stateDir = stateDir;
        }

        public Long getReservationWindowMillis() {
            return reservationWindowMillis;
        }

        public void setReservationWindowMillis(Long reservationWindowMillis) {
            this.reservationWindowMillis = reservationWindowMillis;
        }

        public Long getMaxStartupWaitMillis() {
            return maxStartupWaitMillis;
        }

        public void setMaxStartupWaitMillis(Long maxStartupWaitMillis) {
            this.maxStartupWaitMillis = maxStartupWaitMillis;
        }
    }

    /** {@code workers:}: where the worker ID comes from. */
    public static class Workers {
        /** Worker ID allocation: static (generator.worker), zookeeper, etcd, or hybrid (static IDs in a reserved range, leased otherwise). Default: static. */
        private AllocationKind allocation;

        /** ZooKeeper connect string, e.g. 127.0.0.1:2181. */
        private String zookeeper;

        /** etcd endpoints, comma-separated, e.g. http://127.0.0.1:2379. */
        private String etcd;

        /** Fleet name in the coordinator. Default: default. */
        private String cluster;

        /** Region name in the coordinator (its number in IDs is generator.datacenter). Default: default. */
        private String region;

        /** Worker IDs leased dynamically, first..last, e.g. 16..31. Default: the whole worker field. */
        private String range;

        /** Hybrid allocation: worker IDs reserved for static assignment, first..last, e.g. 0..15. */
        private String staticRange;

        /** Take the worker ID from a hostname ending in -N (StatefulSet pods: idmint-3 is worker 3). */
        private Boolean ordinalFromHostname;

        /** How long a silent holder keeps its worker ID, in milliseconds. Default: 10000. */
        private Long leaseTtlMillis;

        /** How long a freed worker ID rests before it is claimed again, in milliseconds. Default: 10000. */
        private Long recycleDelayMillis;

        /** Subtracted from every lease deadline, in milliseconds. Default: 2000. */
        private Long safetyMarginMillis;

        /** Worker IDs (leases) per process. Default: 1. */
        private Integer perProcess;

        public AllocationKind getAllocation() {
            return allocation;
        }

        public void setAllocation(AllocationKind allocation) {
            this.allocation = allocation;
        }

        public String getZookeeper() {
            return zookeeper;
        }

        public void setZookeeper(String zookeeper) {
            this.zookeeper = zookeeper;
        }

        public String getEtcd() {
            return etcd;
        }

        public void setEtcd(String etcd) {
            this.etcd = etcd;
        }

        public String getCluster() {
            return cluster;
        }

        public void setCluster(String cluster) {
            this.cluster = cluster;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getRange() {
            return range;
        }

        public void setRange(String range) {
            this.range = range;
        }

        public String getStaticRange() {
            return staticRange;
        }

        public void setStaticRange(String staticRange) {
            this.staticRange = staticRange;
        }

        public Boolean getOrdinalFromHostname() {
            return ordinalFromHostname;
        }

        public void setOrdinalFromHostname(Boolean ordinalFromHostname) {
            this.ordinalFromHostname = ordinalFromHostname;
        }

        public Long getLeaseTtlMillis() {
            return leaseTtlMillis;
        }

        public void setLeaseTtlMillis(Long leaseTtlMillis) {
            this.leaseTtlMillis = leaseTtlMillis;
        }

        public Long getRecycleDelayMillis() {
            return recycleDelayMillis;
        }

        public void setRecycleDelayMillis(Long recycleDelayMillis) {
            this.recycleDelayMillis = recycleDelayMillis;
        }

        public Long getSafetyMarginMillis() {
            return safetyMarginMillis;
        }

        public void setSafetyMarginMillis(Long safetyMarginMillis) {
            this.safetyMarginMillis = safetyMarginMillis;
        }

        public Integer getPerProcess() {
            return perProcess;
        }

        public void setPerProcess(Integer perProcess) {
            this.perProcess = perProcess;
        }
    }

    /** {@code hlc:}: the hybrid logical clock scheme. */
    public static class Hlc {
        /** How far HLC IDs may run ahead of this node's clock, in milliseconds. Default: 10000. */
        private Long maxDriftMillis;

        public Long getMaxDriftMillis() {
            return maxDriftMillis;
        }

        public void setMaxDriftMillis(Long maxDriftMillis) {
            this.maxDriftMillis = maxDriftMillis;
        }
    }

    /** {@code uuid7:}: RFC 9562 UUIDv7 with a node. */
    public static class Uuid7 {
        /** The 32-bit node in each UUID. Default: datacenter << 16 | worker. */
        private Long node;

        public Long getNode() {
            return node;
        }

        public void setNode(Long node) {
            this.node = node;
        }
    }

    /** {@code wide128:}: 64-bit nanoseconds, 48-bit node, 16-bit sequence. */
    public static class Wide128 {
        /** The 48-bit node in each ID. Default: datacenter << 16 | worker. */
        private Long node;

        /** How far timestamps may run ahead of the clock when it stands still or steps back, in milliseconds. Default: 1000. */
        private Long maxLeadMillis;

        public Long getNode() {
            return node;
        }

        public void setNode(Long node) {
            this.node = node;
        }

        public Long getMaxLeadMillis() {
            return maxLeadMillis;
        }

        public void setMaxLeadMillis(Long maxLeadMillis) {
            this.maxLeadMillis = maxLeadMillis;
        }
    }
}
