package io.idmint.coordination;

import io.idmint.core.BitLayout;
import io.idmint.core.TimeSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How worker IDs are leased: where in the coordinator (cluster, region), which range, and the timing.
 * Defaults: TTL 10 s, renewal every TTL/3, safety margin TTL/5, recycle delay one TTL, operation
 * timeout TTL/5, acquire timeout 3 TTL.
 */
public final class LeaseSettings {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The generator a process serves when its configuration names none. */
    static final String DEFAULT_GENERATOR = "default";

    final String cluster;
    final String region;
    final int datacenter;
    final WorkerRange range;
    final Duration leaseTtl;
    final Duration renewInterval;
    final Duration safetyMargin;
    final Duration recycleDelay;
    final Duration operationTimeout;
    final Duration acquireTimeout;
    final String holderName;
    final TimeSource timeSource;
    final String generator;
    final BitLayout layout;
    final Duration maxOffsetToPeers;

    private LeaseSettings(Builder b) {
        this.cluster = checkName("cluster", b.cluster);
        this.region = checkName("region", b.region);
        this.generator = checkName("generator", b.generator);
        this.layout = b.layout;
        this.maxOffsetToPeers = b.maxOffsetToPeers;
        this.datacenter = b.datacenter;
        this.range = Objects.requireNonNull(b.range, "range must be set");
        this.leaseTtl = b.leaseTtl;
        this.renewInterval = b.renewInterval != null ? b.renewInterval : b.leaseTtl.dividedBy(3);
        this.safetyMargin = b.safetyMargin != null ? b.safetyMargin : b.leaseTtl.dividedBy(5);
        this.recycleDelay = b.recycleDelay != null ? b.recycleDelay : b.leaseTtl;
        this.operationTimeout = b.operationTimeout != null ? b.operationTimeout : b.leaseTtl.dividedBy(5);
        this.acquireTimeout = b.acquireTimeout != null ? b.acquireTimeout : b.leaseTtl.multipliedBy(3);
        this.holderName = b.holderName != null ? b.holderName : defaultHolderName();
        this.timeSource = b.timeSource;
        long slack = leaseTtl.toMillis() - renewInterval.toMillis() - safetyMargin.toMillis();
        if (slack <= 0) {
            throw new IllegalArgumentException("leaseTtl must exceed renewInterval + safetyMargin, or no renewal could keep"
                    + " the lease valid: leaseTtl=" + leaseTtl.toMillis() + " ms, renewInterval=" + renewInterval.toMillis()
                    + " ms, safetyMargin=" + safetyMargin.toMillis() + " ms");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The path (ZooKeeper) or key prefix (etcd) this cluster and region's worker IDs live under; a named
     * generator's fleet leases from a pool of its own, since its layout may differ from the default's.
     */
    String basePath() {
        String region = "/idmint/" + cluster + "/" + this.region;
        return generator.equals(DEFAULT_GENERATOR) ? region : region + "/generators/" + generator;
    }

    /** Where the cluster records, per generator, each region's layout and the region and datacenter bindings. */
    String bindingsPath() {
        return "/idmint-bindings/" + cluster + "/" + generator;
    }

    public WorkerRange range() {
        return range;
    }

    public Duration leaseTtl() {
        return leaseTtl;
    }

    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    public Duration recycleDelay() {
        return recycleDelay;
    }

    private static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1..64 characters of A-Z a-z 0-9 _ . -: " + what + "=" + value);
        }
        return value;
    }

    private static String defaultHolderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    @Override
    public String toString() {
        return basePath() + " range " + range + " ttl " + leaseTtl.toMillis() + " ms";
    }

    public static final class Builder {
        private String cluster = "default";
        private String region = "default";
        private int datacenter;
        private WorkerRange range;
        private Duration leaseTtl = Duration.ofSeconds(10);
        private Duration renewInterval;
        private Duration safetyMargin;
        private Duration recycleDelay;
        private Duration operationTimeout;
        private Duration acquireTimeout;
        private String holderName;
        private TimeSource timeSource = TimeSource.system();
        private String generator = DEFAULT_GENERATOR;
        private BitLayout layout;
        private Duration maxOffsetToPeers = Duration.ofSeconds(10);

        /**
         * How far from its peers' median a starting process's clock may read (default 10 s, zero: no check):
         * beyond it, even with the estimate's error taken off, acquiring is refused.
         */
        public Builder maxOffsetToPeers(Duration bound) {
            if (bound.isNegative()) {
                throw new IllegalArgumentException("maxOffsetToPeers must be >= 0: maxOffsetToPeers=" + bound.toMillis() + " ms");
            }
            this.maxOffsetToPeers = bound;
            return this;
        }

        private Builder() {}

        /** Which of the process's named generators the leases are for: each fleet of one has its own pool. */
        public Builder generator(String name) {
            this.generator = name;
            return this;
        }

        /**
         * The layout this process composes IDs with. The first process of the cluster's region records it,
         * and every later one with another layout is refused at start ({@link ClusterMisconfiguredException}).
         */
        public Builder layout(BitLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Separates independent fleets sharing one coordinator (default {@code default}). */
        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        /** The region's name in the coordinator and its datacenter number in IDs (default {@code default}, 0). */
        public Builder region(String region, int datacenter) {
            this.region = region;
            this.datacenter = datacenter;
            return this;
        }

        public Builder range(WorkerRange range) {
            this.range = range;
            return this;
        }

        /** How long a holder that stops renewing keeps its ID at the coordinator (default 10 s, at least 1 s). */
        public Builder leaseTtl(Duration ttl) {
            if (ttl.toMillis() < 1000 || ttl.toMillis() > 3_600_000) {
                throw new IllegalArgumentException("leaseTtl must be 1000..3600000 ms: leaseTtl=" + ttl.toMillis() + " ms");
            }
            this.leaseTtl = ttl;
            return this;
        }

        public Builder renewInterval(Duration interval) {
            this.renewInterval = positive("renewInterval", interval);
            return this;
        }

        /** Subtracted from every deadline: covers clock-rate differences and the time a renewal takes to land. */
        public Builder safetyMargin(Duration margin) {
            this.safetyMargin = positive("safetyMargin", margin);
            return this;
        }

        /** How long a released or expired worker ID rests before anyone claims it again (default one TTL). */
        public Builder recycleDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("recycleDelay must be >= 0: recycleDelay=" + delay.toMillis() + " ms");
            }
            this.recycleDelay = delay;
            return this;
        }

        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = positive("operationTimeout", timeout);
            return this;
        }

        /**
         * How long acquiring may wait for a free ID (one cooling down, or one a dead holder still owns until its
         * TTL runs out) or an unreachable coordinator (default 3 TTL).
         */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = positive("acquireTimeout", timeout);
            return this;
        }

        /** Shown to operators as the holder (default {@code hostname/pid}). */
        public Builder holderName(String name) {
            this.holderName = name;
            return this;
        }

        /** The clock reservations are written in: the generator's time source. */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        public LeaseSettings build() {
            return new LeaseSettings(this);
        }

        private static Duration positive(String what, Duration d) {
            if (d.toMillis() <= 0) {
                throw new IllegalArgumentException(what + " must be > 0 ms: " + what + "=" + d.toMillis() + " ms");
            }
            return d;
        }
    }
}
