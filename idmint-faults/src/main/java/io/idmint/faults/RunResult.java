package io.idmint.faults;

import java.util.List;

/** What the checker found over a whole run. */
record RunResult(long ids, long lateIds, long duplicates, long batchOrderViolations, long serverOrderViolations,
                 long workerOrderViolations, long requests, long answered, double steadyAvailability,
                 List<FaultResult> faults, List<String> examples, List<String> notes,
                 long runMillis, String aborted) {

    boolean unrecovered() {
        return faults.stream().anyMatch(f -> f.recoveryNanos() < 0);
    }

    /**
     * Duplicates and order violations break the promise; a member that never answers again, or that could not
     * be restarted (the run was aborted), is a defect too.
     */
    boolean passed() {
        return aborted == null && duplicates == 0 && batchOrderViolations == 0 && serverOrderViolations == 0 && workerOrderViolations == 0
                && !unrecovered();
    }
}
