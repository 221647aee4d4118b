package io.idmint.faults;

import java.util.List;
import java.util.Locale;

/** The summary table of a run, in Markdown, for the terminal and the README alike. */
final class Report {
    private Report() {}

    /** Per kind of fault: how often, availability on the target, longest outage, recovery (median and worst). */
    static String byKind(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("| fault | injected | availability on the target (median, worst) | longest outage s (median, worst) | recovery s (median, worst) |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (FaultKind kind : FaultKind.values()) {
            List<FaultResult> of = r.faults().stream().filter(f -> f.fault().kind() == kind).toList();
            if (of.isEmpty()) {
                continue;
            }
            double[] avail = of.stream().mapToDouble(FaultResult::targetAvailability).sorted().toArray();
            double[] outage = of.stream().mapToDouble(f -> seconds(f.longestOutageNanos())).sorted().toArray();
            double[] recovery = of.stream().mapToDouble(f -> f.recoveryNanos() < 0 ? Double.POSITIVE_INFINITY
                    : seconds(f.recoveryNanos())).sorted().toArray();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f %%, %.1f %% | %.2f, %.2f | %.2f, %.2f |%n", kind.label,
                    of.size(), 100 * median(avail), 100 * avail[0], median(outage), outage[outage.length - 1],
                    median(recovery), recovery[recovery.length - 1]));
        }
        return sb.toString();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The run's duplicates as {@code idmint_collisions_detected_total}, in Prometheus' text format for node_exporter's
     * textfile collector: a run in CI or a canary cluster feeds the same alert as the service's own duplicate checks.
     */
    static String prometheus(RunResult r) {
        return "# HELP idmint_collisions_detected_total IDs the fault checker found issued more than once\n"
                + "# TYPE idmint_collisions_detected_total counter\n"
                + "idmint_collisions_detected_total{source=\"faults\"} " + r.duplicates() + "\n";
    }

    static String markdown(String title, RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n");
        sb.append(byKind(r)).append('\n');
        sb.append("| # | fault | target | detail | window s | availability (all) | availability (target) | longest outage s | recovery s | IDs in window |\n");
        sb.append("|---:|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (FaultResult f : r.faults()) {
            Fault fault = f.fault();
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.1f | %s | %s | %.2f | %s | %,d |%n",
                    fault.number(), fault.kind().label, fault.targetName(), fault.detail(),
                    seconds(f.windowEndNanos() - fault.injectedNanos()), percent(f.availability(), f.requests()),
                    percent(f.targetAvailability(), f.targetRequests()), seconds(f.longestOutageNanos()),
                    f.recoveryNanos() < 0 ? "**not recovered**" : String.format(Locale.ROOT, "%.2f", seconds(f.recoveryNanos())),
                    f.ids()));
        }
        sb.append('\n');
        if (r.segment() != null) {
            sb.append(Buffers.markdown(r.segment())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "| run | faults injected | IDs checked | duplicates | order violations (batch / member / worker) | requests answered | outside fault windows |%n"));
        sb.append("|---|---:|---:|---:|---|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| %.0f s | %d | %,d (%,d late) | **%d** | %d / %d / %s | %s | %s |%n",
                r.runMillis() / 1000.0, r.faults().size(), r.ids(), r.lateIds(), r.duplicates(),
                r.batchOrderViolations(), r.serverOrderViolations(),
                r.segment() != null ? "n/a" : Long.toString(r.workerOrderViolations()),
                percent((double) r.answered() / Math.max(1, r.requests()), r.requests()),
                String.format(Locale.ROOT, "%.2f %%", 100 * r.steadyAvailability())));
        if (r.segment() != null) {
            sb.append("\nPer-worker order is not checked: segment IDs carry no worker, and members' segments interleave. Each"
                    + " member's order is checked across all its processes instead, and every restart against all IDs issued"
                    + " before it (above).\n");
        }
        if (r.aborted() != null) {
            sb.append("\nABORTED after fault ").append(r.faults().size()).append(": ").append(r.aborted()).append('\n');
        }
        if (!r.examples().isEmpty()) {
            sb.append("\nProblems found:\n\n");
            r.examples().forEach(e -> sb.append("- ").append(e).append('\n'));
        }
        if (!r.notes().isEmpty()) {
            sb.append("\nFailed requests outside fault windows, most frequent first:\n\n");
            r.notes().forEach(e -> sb.append("- ").append(e).append('\n'));
        }
        sb.append('\n').append(r.passed() ? "PASSED: no duplicate, every order held, every fault recovered."
                : "FAILED: see the problems above.").append('\n');
        return sb.toString();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String percent(double fraction, long of) {
        return String.format(Locale.ROOT, "%.1f %% of %,d", 100 * fraction, of);
    }
}
