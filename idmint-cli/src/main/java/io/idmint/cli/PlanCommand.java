package io.idmint.cli;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.InvalidRequestException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Capacity calculator: recommend field widths for a peak rate, a lifetime and a fleet size.",
                "Exit 0 with a recommendation; 3 when no layout fits the bits (use 128-bit IDs, or fewer years or nodes).",
                "--max-bits 53 plans IDs a JavaScript number (a JSON number in a browser) holds exactly, and says whether"
                        + " the js-safe preset fits."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--qps", required = true, description = "Peak IDs per second across the fleet (1..10^12).")
    long qps;

    @Option(names = "--years", required = true, description = "Years the IDs must keep being issued (0.1..1000).")
    double years;

    @Option(names = "--nodes", required = true, description = "Generators running at once (1..2^31).")
    long nodes;

    @Option(names = "--headroom", defaultValue = "2", description = "Factor on rate and node count (1..100, default 2).")
    double headroom;

    @Option(names = "--max-bits", defaultValue = "63", description = "Bits the IDs may use (8..63, default 63; 53 for"
            + " JavaScript-safe IDs).")
    int maxBits;

    @Override
    public Integer call() {
        check("qps", qps, 1, 1_000_000_000_000L);
        check("nodes", nodes, 1, Integer.MAX_VALUE);
        if (!(years >= 0.1 && years <= 1000)) {
            throw new InvalidRequestException("years must be 0.1..1000: years=" + years);
        }
        if (!(headroom >= 1 && headroom <= 100)) {
            throw new InvalidRequestException("headroom must be 1..100: headroom=" + headroom);
        }
        check("max-bits", maxBits, 8, CapacityPlanner.USABLE_BITS);
        PrintWriter out = spec.commandLine().getOut();
        CapacityPlanner.Result result = CapacityPlanner.plan(qps, years, nodes, headroom, maxBits);
        out.printf("Need: %,d IDs/s peak over %,d nodes for %s years, headroom %sx, in %d bits%n", qps, nodes, fmt(years),
                fmt(headroom), maxBits);
        out.printf("%-6s %-10s %-8s %-9s %-5s %s%n", "TICK", "TIMESTAMP", "WORKER", "SEQUENCE", "BITS", "FITS " + maxBits + "?");
        for (CapacityPlanner.Plan p : result.candidates()) {
            out.printf("%-6s %-10d %-8d %-9d %-5d %s%n", p.tickMillis() + "ms", p.timestampBits(), p.workerBits(),
                    p.sequenceBits(), p.totalBits(), p.totalBits() <= maxBits ? "yes" : "no");
        }
        CapacityPlanner.Plan c = result.chosen();
        if (c == null) {
            out.printf("%nNo %d-bit layout fits: even 1 s ticks need %d bits. Use 128-bit IDs (scheme uuid7 or wide128)"
                    + "%s, fewer years, or fewer nodes.%n", maxBits, result.candidates().get(2).totalBits(),
                    maxBits <= JS_SAFE_BITS ? " sent as strings" : "");
            out.flush();
            return ExitCodes.PERMANENT;
        }
        explain(out, c);
        if (maxBits <= JS_SAFE_BITS) {
            presetVerdict(out, BitLayout.preset("js-safe"));
        } else {
            presetVerdict(out, BitLayout.DEFAULT);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Bits of integers a JavaScript number (an IEEE double) holds exactly. */
    static final int JS_SAFE_BITS = 53;

    private void explain(PrintWriter out, CapacityPlanner.Plan c) {
        CapacityPlanner.Plan r = CapacityPlanner.spendSpareBits(c);
        int ts = r.timestampBits();
        out.printf("%nRecommended: %d ms tick, %d-bit timestamp, %d-bit worker, %d-bit sequence (the %d spare bits go to"
                + " the sequence up to 12, the worker up to 10, then the timestamp)%n", r.tickMillis(), ts, r.workerBits(),
                r.sequenceBits(), c.spareBits());
        out.printf("  lifetime      %s years from the epoch (needed %s)%n",
                fmt(CapacityPlanner.years(ts, c.tickMillis())), fmt(years));
        out.printf("  per node      %,d IDs per tick = %,d IDs/s (needed %,d per tick with headroom)%n",
                1L << r.sequenceBits(), (1L << r.sequenceBits()) * 1000 / r.tickMillis(), c.idsPerTickPerNode());
        out.printf("  nodes         %,d worker IDs (split them into datacenter + worker bits as your regions need)%n",
                1L << r.workerBits());
        out.println("Trade-off: every spare bit doubles one thing. On the timestamp it doubles the lifetime; on the"
                + " sequence, the burst a node absorbs per tick; on the worker, the fleet size. A coarser tick buys"
                + " lifetime with sequence bits and makes IDs less time-precise.");
    }

    /** Whether a preset meets the need too: per-tick burst per node, fleet size and remaining lifetime. */
    private void presetVerdict(PrintWriter out, BitLayout d) {
        long perTickPerNode = (long) Math.ceil(qps * headroom / nodes * d.tickMillis() / 1000.0);
        boolean fits = (1L << d.width(Field.SEQUENCE)) >= perTickPerNode
                && d.generators() >= (long) Math.ceil(nodes * headroom)
                && (d.endOfLifeMillis() - System.currentTimeMillis()) / (365.25 * 24 * 3600 * 1000) >= years;
        out.printf("The %s preset (%s, %d ms, %,d IDs/s per worker, %,d workers, until %s) %s%s.%n", d.name(), d.binaryView(),
                d.tickMillis(), d.idsPerSecondPerGenerator(), d.generators(), d.endOfLife(), fits ? "also fits" : "does not fit",
                fits && !d.name().equals("default") ? ": layout: {preset: " + d.name() + "}" : "");
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRequestException(name + " must be " + min + ".." + max + ": " + name + "=" + value);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format("%.1f", d);
    }
}
