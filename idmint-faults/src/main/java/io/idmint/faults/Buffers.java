package io.idmint.faults;

import io.idmint.faults.SegmentFindings.BufferUse;
import io.idmint.faults.SegmentFindings.Restart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The segment run's own part of the report: PostgreSQL outages served from the members' buffers, and the restarts. */
final class Buffers {
    private Buffers() {}

    static String markdown(SegmentFindings s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "PostgreSQL faults, served from the buffers (step %d: a member holds at most two"
                + " segments, %,d IDs): per member, the time from the fault to its first refusal (\"retry later\"), and the IDs it"
                + " answered until PostgreSQL was back, to requests begun after the fault / begun once no PostgreSQL process"
                + " answered any more (all killed or stopped, tens of ms later). What it served from its buffers lies between the"
                + " two: in between, a backend may still hand out a segment. A member killed during the outage is left out of the"
                + " summary.%n%n", s.step(), 2L * s.step()));
        sb.append(byKind(s)).append('\n');
        sb.append(perFault(s)).append('\n');
        sb.append(restarts(s.restarts()));
        return sb.toString();
    }

    /** Per kind of PostgreSQL fault: first refusal (median, shortest, longest), how often none came, IDs served. */
    static String byKind(SegmentFindings s) {
        StringBuilder sb = new StringBuilder();
        sb.append("| fault | member outages | first refusal s (median, shortest, longest) | no refusal | IDs served after the"
                + " fault (median, most) | IDs served once PostgreSQL was gone (median, most) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (FaultKind kind : FaultKind.values()) {
            List<BufferUse> of = s.measured(kind);
            if (!kind.hitsPostgres() || of.isEmpty()) {
                continue;
            }
            double[] refusals = of.stream().filter(b -> b.firstRefusalNanos() >= 0).mapToDouble(b -> Report.seconds(b.firstRefusalNanos()))
                    .sorted().toArray();
            double[] afterFault = of.stream().mapToDouble(BufferUse::idsAfterFault).sorted().toArray();
            double[] afterGone = of.stream().mapToDouble(BufferUse::idsAfterGone).sorted().toArray();
            String refusal = refusals.length == 0 ? "none" : String.format(Locale.ROOT, "%.2f, %.2f, %.2f", Report.median(refusals),
                    refusals[0], refusals[refusals.length - 1]);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %,.0f, %,.0f | %,.0f, %,.0f |%n", kind.label, of.size(),
                    refusal, of.size() - refusals.length, Report.median(afterFault), afterFault[afterFault.length - 1],
                    Report.median(afterGone), afterGone[afterGone.length - 1]));
        }
        return sb.toString();
    }

    /** One row per PostgreSQL fault, one column per member: "first refusal s, IDs served after the fault / once gone". */
    private static String perFault(SegmentFindings s) {
        Map<Integer, List<BufferUse>> byFault = new TreeMap<>();
        s.buffers().forEach(b -> byFault.computeIfAbsent(b.fault().number(), k -> new ArrayList<>()).add(b));
        int members = byFault.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder sb = new StringBuilder("| # | fault | down s |");
        StringBuilder rule = new StringBuilder("|---:|---|---:|");
        for (int m = 0; m < members; m++) {
            sb.append(" m").append(m).append(": first refusal, IDs served (after the fault / once gone) |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        for (List<BufferUse> uses : byFault.values()) {
            Fault f = uses.get(0).fault();
            sb.append(String.format(Locale.ROOT, "| %d | %s | %.1f |", f.number(), f.kind().label, f.paramMillis() / 1000.0));
            for (BufferUse b : uses) {
                String refusal = b.killed() ? "killed -9" : b.firstRefusalNanos() < 0 ? "no refusal"
                        : String.format(Locale.ROOT, "%.2f s", Report.seconds(b.firstRefusalNanos()));
                sb.append(String.format(Locale.ROOT, " %s, %,d / %,d |", refusal, b.idsAfterFault(), b.idsAfterGone()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Whether every restarted member's new process issued above all IDs received before it was spawned. */
    private static String restarts(List<Restart> restarts) {
        if (restarts.isEmpty()) {
            return "No member was restarted.\n";
        }
        long held = restarts.stream().filter(Restart::holds).count();
        long smallestGap = restarts.stream().filter(r -> r.idsAfter() > 0 && r.holds())
                .mapToLong(r -> r.lowestAfter() - r.highestBefore()).min().orElse(0);
        return String.format(Locale.ROOT, "Restarted members (kill -9, then a new process): %d of %d issued only above every ID"
                + " any client had received before the new process was spawned (smallest gap: %,d values: skipped, never"
                + " issued).%n", held, restarts.size(), smallestGap);
    }
}
