package io.idmint.benchmarks.segment;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command line of {@link SegmentLoad}. */
record LoadOptions(int threads, int idsPerThread, int step, long outageMillis, List<String> scenarios) {

    /** A burst with the step adapting from {@code step}; the same pinned to it; the first with the database down mid-run. */
    static final List<String> SCENARIOS = List.of("adaptive", "fixed", "outage");

    static final String USAGE = "usage: SegmentLoad [--threads N (4)] [--ids N per thread (10000000)] [--step S (1000)]"
            + " [--outage-ms MS (5000)] [--scenarios " + String.join(",", SCENARIOS) + " (all)]";

    long totalIds() {
        return (long) threads * idsPerThread;
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} naming the problem. */
    static LoadOptions parse(String[] args) {
        int threads = 4;
        int ids = 10_000_000;
        int step = 1_000;
        long outage = 5_000;
        List<String> scenarios = SCENARIOS;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--ids" -> ids = Integer.parseInt(v);
                case "--step" -> step = Integer.parseInt(v);
                case "--outage-ms" -> outage = Long.parseLong(v);
                case "--scenarios" -> scenarios = List.of(v.split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new LoadOptions(threads, ids, step, outage, scenarios).validated();
    }

    private LoadOptions validated() {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be 1..64: threads=" + threads);
        }
        if (idsPerThread < 1_000 || idsPerThread > 50_000_000) {
            throw new IllegalArgumentException("--ids must be 1000..50000000 per thread (8 bytes each are kept for the"
                    + " uniqueness check): ids=" + idsPerThread);
        }
        long heapNeeded = totalIds() * Long.BYTES * 2; // the IDs of one pass, and room for the last pass's garbage
        if (heapNeeded > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d IDs need about %,d MB of heap,"
                    + " this JVM has %,d MB: raise -Xmx (SEGMENT_BENCH_OPTS) or lower --ids", totalIds(), heapNeeded >> 20,
                    Runtime.getRuntime().maxMemory() >> 20));
        }
        if (step < 100 || step > 1_000_000) {
            throw new IllegalArgumentException("--step must be 100..1000000 (the generator's default minStep..maxStep):"
                    + " step=" + step);
        }
        if (outageMillis < 0 || outageMillis > 60_000) {
            throw new IllegalArgumentException("--outage-ms must be 0..60000: outage-ms=" + outageMillis);
        }
        if (scenarios.isEmpty() || !Set.copyOf(SCENARIOS).containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios must be some of " + SCENARIOS + ": scenarios=" + scenarios);
        }
        return this;
    }
}
