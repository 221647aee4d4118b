package io.idmint.config;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.SequenceOverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code layout:} and {@code generator:} sections: how one generator composes its IDs and keeps
 * them unique across restarts. The policies are core's own types, so what the file says is what runs.
 *
 * @param layout the bit layout
 * @param lifetimeWarningDays warn when less of the layout's life than this remains
 * @param datacenter the datacenter (region) number in the IDs
 * @param worker the worker ID for static allocation (or a hybrid static ID)
 * @param workerGiven whether a worker ID was given (file, env, flag, hostname) rather than left at 0
 * @param clock which wall clock the generator reads
 * @param rollbackPolicy what it does when the clock steps back
 * @param overflowPolicy what it does when a tick's sequence is used up
 * @param stateDir where the high-water mark lives, or null for no restart safety
 * @param reservationWindow how far ahead of the clock each persisted reservation reaches
 * @param maxStartupWait how long a start may wait for the clock to pass a stored mark
 * @param workerCount how many consecutive worker IDs from {@code worker} on a static generator holds
 *     ({@code worker: 4..7} is worker 4, count 4): each thread issues through one of them
 */
public record GeneratorSettings(BitLayout layout, int lifetimeWarningDays, long datacenter, long worker,
                                boolean workerGiven, ClockKind clock, ClockRollbackPolicy rollbackPolicy,
                                SequenceOverflowPolicy overflowPolicy, Path stateDir, Duration reservationWindow,
                                Duration maxStartupWait, int workerCount) {
    /** The embedded default: layout {@code default}, datacenter 0, worker 0, high-water mark under {@code ./data}. */
    public static final GeneratorSettings DEFAULT = new GeneratorSettings(BitLayout.DEFAULT, 365, 0, 0, false,
            ClockKind.SYSTEM, ClockRollbackPolicy.defaultPolicy(), SequenceOverflowPolicy.spinToNextTick(), Path.of("data"),
            Duration.ofSeconds(1), Duration.ofSeconds(3));

    /** The most worker IDs one static generator may hold: one per thread is the most it can use. */
    public static final int MAX_WORKERS_PER_PROCESS = 1024;

    /** One worker ID. */
    public GeneratorSettings(BitLayout layout, int lifetimeWarningDays, long datacenter, long worker, boolean workerGiven,
                             ClockKind clock, ClockRollbackPolicy rollbackPolicy, SequenceOverflowPolicy overflowPolicy,
                             Path stateDir, Duration reservationWindow, Duration maxStartupWait) {
        this(layout, lifetimeWarningDays, datacenter, worker, workerGiven, clock, rollbackPolicy, overflowPolicy, stateDir,
                reservationWindow, maxStartupWait, 1);
    }

    public GeneratorSettings {
        if (workerCount < 1 || workerCount > MAX_WORKERS_PER_PROCESS) {
            throw new IllegalArgumentException("workerCount must be 1.." + MAX_WORKERS_PER_PROCESS + ": workerCount=" + workerCount);
        }
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rollbackPolicy, "rollbackPolicy");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(reservationWindow, "reservationWindow");
        Objects.requireNonNull(maxStartupWait, "maxStartupWait");
    }

    public Optional<Path> stateDirectory() {
        return Optional.ofNullable(stateDir);
    }

    public GeneratorSettings withLayout(BitLayout newLayout) {
        return new GeneratorSettings(newLayout, lifetimeWarningDays, datacenter, worker, workerGiven, clock, rollbackPolicy,
                overflowPolicy, stateDir, reservationWindow, maxStartupWait, workerCount);
    }

    public GeneratorSettings withDatacenter(long newDatacenter) {
        return new GeneratorSettings(layout, lifetimeWarningDays, newDatacenter, worker, workerGiven, clock, rollbackPolicy,
                overflowPolicy, stateDir, reservationWindow, maxStartupWait, workerCount);
    }

    /** A given worker ID, one only: {@link #workerGiven()} becomes true. */
    public GeneratorSettings withWorker(long newWorker) {
        return withWorkers(newWorker, 1);
    }

    /** {@code count} consecutive worker IDs from {@code first} on: {@link #workerGiven()} becomes true. */
    public GeneratorSettings withWorkers(long first, int count) {
        return new GeneratorSettings(layout, lifetimeWarningDays, datacenter, first, true, clock, rollbackPolicy,
                overflowPolicy, stateDir, reservationWindow, maxStartupWait, count);
    }

    /** The last worker ID of {@code worker..worker + workerCount - 1}. */
    public long lastWorker() {
        return worker + workerCount - 1;
    }

    /** {@code null} turns restart safety off: no high-water mark, no lock. */
    public GeneratorSettings withStateDir(Path newStateDir) {
        return new GeneratorSettings(layout, lifetimeWarningDays, datacenter, worker, workerGiven, clock, rollbackPolicy,
                overflowPolicy, newStateDir, reservationWindow, maxStartupWait, workerCount);
    }

    public GeneratorSettings withPolicies(ClockRollbackPolicy rollback, SequenceOverflowPolicy overflow) {
        return new GeneratorSettings(layout, lifetimeWarningDays, datacenter, worker, workerGiven, clock, rollback,
                overflow, stateDir, reservationWindow, maxStartupWait, workerCount);
    }
}
