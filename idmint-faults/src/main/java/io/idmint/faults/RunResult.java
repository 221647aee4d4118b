package io.idmint.faults;

import java.util.List;

/** What the checker found over a whole run; {@code segment} only for segment members (else null). */
record RunResult(long ids, long lateIds, long duplicates, long batchOrderViolations, long serverOrderViolations,
                 long workerOrderViolations, long requests, long answered, double steadyAvailability,
                 List<FaultResult> faults, List<String> examples, List<String> notes,
                 long runMillis, String aborted, SegmentFindings segment) {

    boolean unrecovered() {
        return faults.stream().anyMatch(f -> f.recoveryNanos() < 0);
    }

    /**
     * Duplicates and order violations break the promise (so does a restarted segment member issuing below IDs
     * issued before it started); a member that never answers again, or that could not be restarted (the run was
     * aborted), is a defect too.
     */
    boolean passed() {
        return aborted == null && duplicates == 0 && batchOrderViolations == 0 && serverOrderViolations == 0 && workerOrderViolations == 0
                && !unrecovered() && (segment == null || segment.restartViolations() == 0);
    }
}
