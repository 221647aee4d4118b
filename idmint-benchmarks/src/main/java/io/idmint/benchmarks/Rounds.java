package io.idmint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs benchmark cases in rounds, each case in its own one-fork JMH run with {@link CpuProfiler}, alternating
 * the order (odd rounds as planned, even rounds reversed) so that idmint and its peer run seconds apart and swap
 * places every round; then prints {@link RoundsReport}. This machine is shared and has 2 cores: a single
 * back-to-back pair says little, the median and spread over rounds of same-round ratios say more.
 *
 * <p>Usage: {@code Rounds <out-dir> <rounds> <plan> [JMH-OPTIONS...]}, where {@code plan} is {@code issue13}
 * (segment and schemes), {@code segment}, {@code schemes}, or cases {@code Class.method@threads,...}. JMH options
 * such as {@code -wi 1 -i 1 -w 1s -r 1s -p step=1000} apply to every case; benchmark regexes are refused (the
 * plan names the cases). Without them: 2 warm-up and 3 measurement iterations of 1 s each.
 * One file per round and case: {@code <out-dir>/r01-SegmentBenchmark.idmintSegment-t1.json}.
 */
public final class Rounds {
    static final int WARMUP_ITERATIONS = 2;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final TimeValue ITERATION_TIME = TimeValue.seconds(1);
    private static final String FAILED = "FAILED: ";
    /** Fork start, setup, teardown: about half a second per case on this machine, more for the HLC's lead (1-2 s). */
    static final long OVERHEAD_SECONDS_PER_CASE = 1;

    /** One benchmark method at one thread count. */
    record Case(String benchmark, int threads) {
        String file(int round) {
            return String.format(Locale.ROOT, "r%02d-%s-t%d.json", round, benchmark, threads);
        }

        /** JMH's include regex: exactly this method of this class. */
        String include() {
            return "\\." + Pattern.quote(benchmark) + "$";
        }
    }

    /** idmint's two single-ID paths (issue; tryIssue, else issue) each next to CosId's chain, at 1 and 2 threads. */
    static final List<Case> SEGMENT = cases(List.of(1, 2), "SegmentBenchmark.idmintSegment",
            "SegmentBenchmark.cosidSegmentChain", "SegmentBenchmark.idmintSegmentTry", "SegmentBenchmark.cosidSegmentId",
            "SegmentBenchmark.leafSegment");
    static final List<Case> SCHEMES = cases(List.of(1), "SingleIdBenchmark.idmintWide", "SchemeBenchmark.hlcWide",
            "SchemeBenchmark.hlcPreset", "SingleIdBenchmark.jugUuidV7", "SchemeBenchmark.idmintUuidV7",
            "SchemeBenchmark.idmintUuidV7Into", "SchemeBenchmark.idmintWide128");
    /** Several worker IDs per process: one worker at 1 thread against two striped at 2 threads (and one at 2). */
    static final List<Case> STRIPED = List.of(new Case("StripedBenchmark.single", 1), new Case("StripedBenchmark.striped", 2),
            new Case("StripedBenchmark.single", 2));
    static final Map<String, List<Case>> PLANS = plans();

    private Rounds() {
    }

    private static Map<String, List<Case>> plans() {
        Map<String, List<Case>> plans = new LinkedHashMap<>();
        List<Case> all = new ArrayList<>(SEGMENT);
        all.addAll(SCHEMES);
        plans.put("issue13", List.copyOf(all));
        plans.put("segment", SEGMENT);
        plans.put("schemes", SCHEMES);
        plans.put("striped", STRIPED);
        return plans;
    }

    private static List<Case> cases(List<Integer> threads, String... benchmarks) {
        List<Case> cases = new ArrayList<>();
        for (int t : threads) {
            for (String b : benchmarks) {
                cases.add(new Case(b, t));
            }
        }
        return List.copyOf(cases);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Rounds <out-dir> <rounds> <issue13|segment|schemes|striped|Class.method@threads,...> [JMH-OPTIONS...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int rounds;
        List<Case> plan;
        CommandLineOptions jmh;
        try {
            rounds = Integer.parseInt(args[1]);
            plan = plan(args[2]);
            jmh = jmhOptions(List.of(args).subList(3, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("rounds: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(dir);
        clear(dir);
        System.out.printf(Locale.ROOT, "rounds: %d x %d cases, about %d minutes; results in %s%n", rounds, plan.size(),
                estimateSeconds(jmh, rounds * plan.size()) / 60 + 1, dir);
        int failures = runRounds(dir, rounds, plan, jmh);
        System.out.println();
        RoundsReport.print(dir, System.out);
        if (failures > 0) {
            System.out.println(failures + " case run(s) failed: see above");
            System.exit(1);
        }
    }

    /** Every round, odd ones in plan order, even ones reversed; returns how many case runs failed. */
    private static int runRounds(Path dir, int rounds, List<Case> plan, CommandLineOptions jmh) {
        int failures = 0;
        for (int round = 1; round <= rounds; round++) {
            List<Case> order = new ArrayList<>(plan);
            if (round % 2 == 0) {
                Collections.reverse(order); // every case swaps places with its neighbours, its peer included
            }
            for (int i = 0; i < order.size(); i++) {
                Case c = order.get(i);
                String outcome = run(c, dir.resolve(c.file(round)), jmh);
                // One line after the run: a fork's stderr (CosId's SLF4J notice) would otherwise split it.
                System.out.printf(Locale.ROOT, "[round %d/%d, case %2d/%d] %-36s %d thread(s): %s%n", round, rounds, i + 1,
                        order.size(), c.benchmark(), c.threads(), outcome);
                failures += outcome.startsWith(FAILED) ? 1 : 0;
            }
        }
        return failures;
    }

    static List<Case> plan(String name) {
        List<Case> plan = PLANS.get(name);
        if (plan != null) {
            return plan;
        }
        List<Case> cases = new ArrayList<>();
        for (String c : name.split(",")) {
            String[] parts = c.trim().split("@");
            if (parts.length != 2 || !parts[0].matches("\\w+\\.\\w+")) {
                throw new IllegalArgumentException("a case is Class.method@threads, e.g. SegmentBenchmark.idmintSegment@2;"
                        + " plans: " + PLANS.keySet() + ": case=" + c);
            }
            cases.add(new Case(parts[0], Integer.parseInt(parts[1])));
        }
        return cases;
    }

    private static CommandLineOptions jmhOptions(List<String> args) {
        try {
            CommandLineOptions options = new CommandLineOptions(args.toArray(new String[0]));
            if (!options.getIncludes().isEmpty()) {
                throw new IllegalArgumentException("the plan names the benchmarks; pass only JMH options here, not "
                        + options.getIncludes());
            }
            return options;
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("JMH options: " + e.getMessage(), e);
        }
    }

    /** Removes earlier round files, so the report never mixes two runs. */
    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("r\\d+-.*\\.json")).toList()) {
                Files.delete(f);
            }
        }
    }

    static long estimateSeconds(CommandLineOptions jmh, int runs) {
        long warmup = jmh.getWarmupIterations().orElse(WARMUP_ITERATIONS) * seconds(jmh.getWarmupTime().orElse(ITERATION_TIME));
        long measure = jmh.getMeasurementIterations().orElse(MEASUREMENT_ITERATIONS)
                * seconds(jmh.getMeasurementTime().orElse(ITERATION_TIME));
        return runs * (warmup + measure + OVERHEAD_SECONDS_PER_CASE);
    }

    private static long seconds(TimeValue t) {
        return Math.max(1, t.convertTo(TimeUnit.SECONDS));
    }

    /** One JMH run of one case; returns its score and CPU time per op, or {@value #FAILED} and why. */
    private static String run(Case c, Path result, CommandLineOptions jmh) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(jmh).include(c.include()).threads(c.threads()).forks(1)
                .addProfiler(CpuProfiler.class).resultFormat(ResultFormatType.JSON).result(result.toString())
                .shouldFailOnError(true);
        if (!jmh.getWarmupIterations().hasValue()) {
            b.warmupIterations(WARMUP_ITERATIONS);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            b.warmupTime(ITERATION_TIME);
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            b.measurementIterations(MEASUREMENT_ITERATIONS);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            b.measurementTime(ITERATION_TIME);
        }
        if (!jmh.verbosity().hasValue()) {
            b.verbosity(VerboseMode.SILENT); // one progress line per case instead of JMH's thirty
        }
        try {
            return summary(new Runner(b.build()).run());
        } catch (RunnerException | RuntimeException e) {
            return FAILED + e;
        }
    }

    private static String summary(Collection<RunResult> results) {
        if (results.isEmpty()) {
            return FAILED + "no result (nothing matched?)";
        }
        List<String> parts = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            Result<?> cpu = r.getSecondaryResults().get(CpuProfiler.CPU_NORM);
            parts.add(String.format(Locale.ROOT, "%,.0f %s%s", primary.getScore(), primary.getScoreUnit(),
                    cpu == null ? "" : String.format(Locale.ROOT, ", CPU %.2f ns/op", cpu.getScore())));
        }
        return String.join("; ", parts);
    }
}
