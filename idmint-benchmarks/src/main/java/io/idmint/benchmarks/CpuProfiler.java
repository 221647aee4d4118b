package io.idmint.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, beside throughput: on a shared 2-core machine a score alone cannot tell "slower" from
 * "got less CPU", while CPU time per operation is much less sensitive to what else runs. Use with
 * {@code -prof io.idmint.benchmarks.CpuProfiler} ({@code bin/bench --rounds} adds it).
 *
 * <p>Per iteration, in the forked JVM: the process's CPU time ({@code getProcessCpuTime}: every thread of the
 * fork, so a generator's background threads (cached clock refresher, segment fetcher, CosId's prefetch worker)
 * count, and so do JIT and GC) divided by all operations of all threads. Secondary results:
 * {@value #CPU_NORM} (ns/op) and {@value #CPU_CORES} (cores busy: CPU time over wall time).
 */
public final class CpuProfiler implements InternalProfiler {
    static final String CPU_NORM = "cpu.time.norm";
    static final String CPU_CORES = "cpu.cores";

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation (ns/op) and cores busy";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallAtStart = System.nanoTime();
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long wall = System.nanoTime() - wallAtStart;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || cpu < 0 || wall <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult(CPU_NORM, (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult(CPU_CORES, (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
