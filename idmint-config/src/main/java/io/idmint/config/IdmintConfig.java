package io.idmint.config;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.Field;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGeneratorBuilder;
import io.idmint.core.SequenceOverflowPolicy;
import io.idmint.core.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Layout and generator settings, from a YAML file ({@link #load(Path)}), from code, or both: a file's
 * values can be overridden before {@link Builder#build()} validates the result as a whole.
 */
public final class IdmintConfig {
    public enum ClockKind { SYSTEM, MONOTONIC }

    public enum RollbackKind { WAIT, LOGICAL_OFFSET, FAIL_FAST }

    public enum OverflowKind { SPIN, BORROW }

    /** Where the worker ID comes from: this file or env (static), a coordinator's lease, or both (hybrid). */
    public enum AllocationKind { STATIC, ZOOKEEPER, ETCD, HYBRID }

    private final Builder b;

    private IdmintConfig(Builder b) {
        this.b = b.copy();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    /** @throws ConfigException listing every problem of the file */
    public static IdmintConfig load(Path file) {
        return ConfigFileReader.read(file).build(file.toString());
    }

    /** Every problem of the file, each with the key, the value, the limit and an example; empty when valid. */
    public static List<String> problems(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    public BitLayout layout() {
        return b.layout;
    }

    public int lifetimeWarningDays() {
        return b.lifetimeWarningDays;
    }

    public long datacenter() {
        return b.datacenter;
    }

    public long worker() {
        return b.worker;
    }

    public String httpHost() {
        return b.httpHost;
    }

    public int httpPort() {
        return b.httpPort;
    }

    /** Event loops serving HTTP: one per core by default. */
    public int httpInstances() {
        return b.httpInstances;
    }

    public String grpcHost() {
        return b.grpcHost;
    }

    public int grpcPort() {
        return b.grpcPort;
    }

    /** The bearer token the ID endpoints require, if any. */
    public Optional<String> bearerToken() {
        return Optional.ofNullable(b.bearerToken);
    }

    /** PEM certificate chain and private key for HTTPS, both or neither. */
    public Optional<Path> tlsCertPath() {
        return Optional.ofNullable(b.tlsCertPath);
    }

    public Optional<Path> tlsKeyPath() {
        return Optional.ofNullable(b.tlsKeyPath);
    }

    public Optional<Path> stateDir() {
        return Optional.ofNullable(b.stateDir);
    }

    /** Where this worker's high-water mark lives: one file per (datacenter, worker), whatever the layout. */
    public Optional<Path> highWaterMarkFile() {
        return stateDir().map(d -> d.resolve("worker-dc" + b.datacenter + "-w" + b.worker + ".hwm"));
    }

    /**
     * A static generator as configured; with a state directory it holds that worker's high-water mark
     * lock. Leased allocation needs the coordination module: {@code io.idmint.coordination.Generators}.
     */
    public IdGenerator openGenerator() {
        IdGeneratorBuilder g = generatorBuilder(timeSource()).datacenter(b.datacenter).worker(b.worker);
        highWaterMarkFile().ifPresent(f -> g.highWaterMark(HighWaterMarkStore.file(f)));
        return g.build();
    }

    /** The configured clock, policies and waits, without worker or store. */
    public IdGeneratorBuilder generatorBuilder(TimeSource time) {
        return IdGenerator.builder(b.layout).timeSource(time)
                .rollbackPolicy(rollbackPolicy()).overflowPolicy(overflowPolicy())
                .reservationWindow(Duration.ofMillis(b.reservationWindowMillis))
                .maxStartupWait(Duration.ofMillis(b.maxStartupWaitMillis));
    }

    /** The clock given to {@link Builder#timeSource}, else the configured {@code generator.clock}. */
    public TimeSource timeSource() {
        if (b.timeSource != null) {
            return b.timeSource;
        }
        return b.clock == ClockKind.MONOTONIC ? TimeSource.monotonic() : TimeSource.system();
    }

    public Workers workers() {
        return b.workers;
    }

    /** Whether a worker ID was given (file, env, flag or hostname ordinal) rather than left at its default 0. */
    public boolean workerGiven() {
        return b.workerGiven;
    }

    public ClockRollbackPolicy rollbackPolicy() {
        switch (b.rollback) {
            case LOGICAL_OFFSET:
                return ClockRollbackPolicy.logicalOffset(Duration.ofMillis(b.rollbackMaxLeadMillis));
            case FAIL_FAST:
                return ClockRollbackPolicy.failFast();
            default:
                return ClockRollbackPolicy.waitUpTo(Duration.ofMillis(b.rollbackMaxWaitMillis));
        }
    }

    public SequenceOverflowPolicy overflowPolicy() {
        return b.overflow == OverflowKind.BORROW
                ? SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(b.overflowMaxLeadMillis))
                : SequenceOverflowPolicy.spinToNextTick();
    }

    /** Mutable settings; {@link #build()} checks them together (e.g. the worker against the layout). */
    public static final class Builder {
        BitLayout layout = BitLayout.DEFAULT;
        int lifetimeWarningDays = 365;
        long datacenter;
        long worker;
        ClockKind clock = ClockKind.SYSTEM;
        RollbackKind rollback = RollbackKind.WAIT;
        long rollbackMaxWaitMillis = 1000;
        long rollbackMaxLeadMillis = 1000;
        OverflowKind overflow = OverflowKind.SPIN;
        long overflowMaxLeadMillis;
        Path stateDir = Path.of("data");
        long reservationWindowMillis = 1000;
        long maxStartupWaitMillis = 3000;
        String httpHost = "127.0.0.1";
        int httpPort = 8080;
        int httpInstances = Runtime.getRuntime().availableProcessors();
        String grpcHost = "127.0.0.1";
        int grpcPort = 9090;
        String bearerToken;
        Path tlsCertPath;
        Path tlsKeyPath;
        boolean workerGiven;
        Workers workers = Workers.STATIC;
        TimeSource timeSource;
        final List<String> problems = new ArrayList<>();

        private Builder() {}

        public Builder layout(BitLayout layout) {
            this.layout = layout;
            return this;
        }

        public Builder datacenter(long datacenter) {
            this.datacenter = datacenter;
            return this;
        }

        public Builder worker(long worker) {
            this.worker = worker;
            this.workerGiven = true;
            return this;
        }

        public Builder workers(Workers workers) {
            this.workers = workers;
            return this;
        }

        public Workers workers() {
            return workers;
        }

        /**
         * A clock that replaces {@code generator.clock} for the generator and the leases: an application's
         * own clock when embedding, or the fault suite's test-only offset clock. Not part of the file format.
         */
        public Builder timeSource(TimeSource time) {
            this.timeSource = time;
            return this;
        }

        /** {@code null} turns restart safety off: no high-water mark, no lock. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder grpcPort(int port) {
            this.grpcPort = port;
            return this;
        }

        public Builder httpHost(String host) {
            this.httpHost = host;
            return this;
        }

        public Builder grpcHost(String host) {
            this.grpcHost = host;
            return this;
        }

        public Builder bearerToken(String token) {
            this.bearerToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /**
         * Applies {@code IDMINT_*} environment variables over the file's values: IDMINT_LAYOUT,
         * IDMINT_DATACENTER, IDMINT_WORKER, IDMINT_STATE_DIR, IDMINT_HTTP_HOST, IDMINT_HTTP_PORT,
         * IDMINT_GRPC_HOST, IDMINT_GRPC_PORT, IDMINT_TOKEN. Invalid values become problems of {@link #build()}.
         */
        public Builder applyEnvironment(java.util.Map<String, String> env) {
            EnvironmentOverrides.apply(this, env);
            return this;
        }

        public IdmintConfig build() {
            return build("configuration");
        }

        IdmintConfig build(String source) {
            List<String> all = new ArrayList<>(problems);
            if (layout != null) {
                checkAgainstLayout(all, "datacenter", datacenter, layout.maxValue(Field.DATACENTER), 1);
                checkAgainstLayout(all, "worker", worker, layout.maxValue(Field.WORKER), 3);
            }
            if (layout != null) {
                workers.check(all, layout, workerGiven ? worker : -1);
            }
            if ((tlsCertPath == null) != (tlsKeyPath == null)) {
                all.add("http.tlsCertPath and http.tlsKeyPath must be set together: tlsCertPath=" + tlsCertPath
                        + " tlsKeyPath=" + tlsKeyPath + " (example: tlsCertPath: /etc/idmint/cert.pem)");
            }
            if (!all.isEmpty()) {
                throw new ConfigException(source, all);
            }
            return new IdmintConfig(this);
        }

        private void checkAgainstLayout(List<String> all, String key, long value, long max, long example) {
            if (value < 0 || value > max) {
                all.add("generator." + key + " must be 0.." + max + " for layout '" + layout.name() + "': generator." + key
                        + "=" + value + " (example: " + key + ": " + Math.min(example, max) + ")");
            }
        }

        Builder copy() {
            Builder c = new Builder();
            c.layout = layout;
            c.lifetimeWarningDays = lifetimeWarningDays;
            c.datacenter = datacenter;
            c.worker = worker;
            c.clock = clock;
            c.rollback = rollback;
            c.rollbackMaxWaitMillis = rollbackMaxWaitMillis;
            c.rollbackMaxLeadMillis = rollbackMaxLeadMillis;
            c.overflow = overflow;
            c.overflowMaxLeadMillis = overflowMaxLeadMillis;
            c.stateDir = stateDir;
            c.reservationWindowMillis = reservationWindowMillis;
            c.maxStartupWaitMillis = maxStartupWaitMillis;
            c.httpHost = httpHost;
            c.httpPort = httpPort;
            c.httpInstances = httpInstances;
            c.grpcHost = grpcHost;
            c.grpcPort = grpcPort;
            c.bearerToken = bearerToken;
            c.tlsCertPath = tlsCertPath;
            c.tlsKeyPath = tlsKeyPath;
            c.workerGiven = workerGiven;
            c.workers = workers;
            c.timeSource = timeSource;
            return c;
        }
    }
}
