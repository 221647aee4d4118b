package io.idmint.faults;

import java.util.Locale;

/** The summary table of a run, in Markdown, for the terminal and the README alike. */
final class Report {
    private Report() {}

    static String markdown(String title, RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n");
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
        sb.append(String.format(Locale.ROOT, "| run | faults injected | IDs checked | duplicates | order violations (batch / member / worker) | requests answered | outside fault windows |%n"));
        sb.append("|---|---:|---:|---:|---|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| %.0f s | %d | %,d (%,d late) | **%d** | %d / %d / %d | %s | %s |%n",
                r.runMillis() / 1000.0, r.faults().size(), r.ids(), r.lateIds(), r.duplicates(),
                r.batchOrderViolations(), r.serverOrderViolations(), r.workerOrderViolations(),
                percent((double) r.answered() / Math.max(1, r.requests()), r.requests()),
                String.format(Locale.ROOT, "%.2f %%", 100 * r.steadyAvailability())));
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

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String percent(double fraction, long of) {
        return String.format(Locale.ROOT, "%.1f %% of %,d", 100 * fraction, of);
    }
}
