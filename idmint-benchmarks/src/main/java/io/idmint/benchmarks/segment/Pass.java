package io.idmint.benchmarks.segment;

import com.sun.management.OperatingSystemMXBean;
import io.idmint.segment.SegmentGenerator;
import io.idmint.segment.SegmentGeneratorBuilder;
import io.idmint.segment.SegmentStore;
import io.idmint.testkit.Postgres;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One pass of one scenario: a fresh biz tag (so its IDs start at 1 and the uniqueness check sees only this
 * pass), one segment generator on PostgreSQL, {@code threads} workers released together, the process's CPU
 * time read before the release and after the last worker ends.
 */
final class Pass {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Pass() {
    }

    /** The generator's own figures at the end of the pass (its metrics gauges). */
    record Gauges(double fetches, double fetchFailures, double waits, double step, double lastFetchSeconds) {
        static Gauges of(SegmentGenerator g) {
            return new Gauges(gauge(g, "idmint_segment_fetches"), gauge(g, "idmint_segment_fetch_failures"),
                    gauge(g, "idmint_segment_waits"), gauge(g, "idmint_segment_step"), gauge(g, "idmint_segment_fetch_seconds"));
        }

        private static double gauge(SegmentGenerator g, String name) {
            return g.gauges().stream().filter(s -> s.name().equals(name)).mapToDouble(s -> s.value().getAsDouble())
                    .findFirst().orElse(Double.NaN);
        }
    }

    /** What a pass measured; {@code latency} null when untimed, {@code outage} null without one. */
    record Result(String scenario, boolean timed, long ids, long wallNanos, long processCpuNanos, long loadCpuNanos,
                  long refusals, Histogram latency, Gauges gauges, IdCheck.Verdict verdict, OutageReport outage,
                  String failure) {
        String name() {
            return scenario + (timed ? " timed" : " untimed");
        }

        boolean ok() {
            return failure == null && verdict.ok();
        }
    }

    static Result run(LoadOptions o, Postgres pg, String jdbcUrl, String scenario, boolean timed) throws InterruptedException {
        String tag = scenario + (timed ? "-timed" : "-untimed");
        try (SegmentStore store = SegmentStore.postgres(jdbcUrl).user(pg.user()).build();
             SegmentGenerator g = generator(tag, store, o, scenario.equals("fixed"))) {
            Outage outage = scenario.equals("outage") ? Outage.of(pg, g, o.totalIds() / 2, o.outageMillis()) : Outage.none();
            return measure(o, g, scenario, timed, outage);
        }
    }

    /** Step from {@code o.step()}; adapting within the defaults (100..1,000,000), or pinned to it when {@code fixed}. */
    static SegmentGenerator generator(String tag, SegmentStore store, LoadOptions o, boolean fixed) {
        SegmentGeneratorBuilder b = SegmentGenerator.builder(tag).store(store).initialStep(o.step());
        if (fixed) {
            b.minStep(o.step()).maxStep(o.step());
        }
        return b.build();
    }

    private static Result measure(LoadOptions o, SegmentGenerator g, String scenario, boolean timed, Outage outage)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(o.threads());
        CountDownLatch go = new CountDownLatch(1);
        List<LoadWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.threads(); i++) {
            LoadWorker w = new LoadWorker(g, o.idsPerThread(), timed, outage, ready, go);
            workers.add(w);
            threads.add(new Thread(w, "load-" + i));
        }
        threads.forEach(Thread::start);
        ready.await();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        go.countDown();
        Thread controller = outage.planned() ? outage.start(workers) : null;
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        if (controller != null) {
            controller.join(TimeUnit.MINUTES.toMillis(2));
        }
        return result(scenario, timed, workers, wall, cpu, Gauges.of(g), outage);
    }

    private static Result result(String scenario, boolean timed, List<LoadWorker> workers, long wall, long cpu, Gauges gauges,
                                 Outage outage) {
        long loadCpu = 0;
        long refusals = 0;
        Histogram latency = timed ? new Histogram(LoadWorker.MAX_RECORDED_NANOS, 3) : null;
        List<long[]> ids = new ArrayList<>();
        String failure = null;
        for (LoadWorker w : workers) {
            loadCpu += w.cpuNanos;
            refusals += w.refusals;
            ids.add(w.issuedIds());
            if (latency != null) {
                latency.add(w.latency);
            }
            if (w.failure != null && failure == null) {
                failure = w.failure.toString();
            }
        }
        if (outage.failure != null && failure == null) {
            failure = "outage: " + outage.failure;
        }
        OutageReport report = outage.planned() ? OutageReport.of(outage, workers) : null;
        long issued = workers.stream().mapToLong(w -> w.issued).sum();
        return new Result(scenario, timed, issued, wall, cpu, loadCpu, refusals, latency, gauges, IdCheck.check(ids), report,
                failure);
    }
}
