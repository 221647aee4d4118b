package io.idmint.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checker must catch what it exists to catch: a suite whose checker misses a duplicate proves nothing. */
class CheckerTest {
    private static final BitLayout LAYOUT = BitLayout.DEFAULT;
    private static final long T0 = 1_800_000_000_000L;

    private static long id(long ms, int worker, int seq) {
        return LAYOUT.compose(T0 + ms, 0, worker, seq);
    }

    private static long at(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static RunResult check(List<Recording> recs, List<Fault> faults) {
        return new Checker(recs, LAYOUT, 2).check(faults, 0, at(100_000), null);
    }

    @Test
    void aCleanRunPasses() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(1), new long[] {id(1, 0, 0), id(1, 0, 1)});
        a.ids(0, at(2), at(3), new long[] {id(3, 0, 0)});
        b.ids(1, at(0), at(1), new long[] {id(0, 1, 0)}); // another worker may lag: only k-sorted across workers
        a.answered(0, at(0), at(1));
        b.answered(1, at(0), at(1));
        RunResult r = check(List.of(a, b), List.of());
        assertThat(r.passed()).isTrue();
        assertThat(r.ids()).isEqualTo(4);
        assertThat(r.examples()).isEmpty();
    }

    @Test
    void aDuplicateAcrossClientsFailsTheRunAndNamesBothReceivers() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(1), new long[] {id(5, 0, 0)});
        b.lateIds(1, new long[] {id(5, 0, 0)});
        RunResult r = check(List.of(a, b), List.of());
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.lateIds()).isEqualTo(1);
        assertThat(r.passed()).isFalse();
        assertThat(r.examples()).anyMatch(e -> e.startsWith("DUPLICATE " + id(5, 0, 0)) && e.contains("a@m0") && e.contains("b@m1 (late)"));
        assertThat(Report.prometheus(r)).as("the run's collisions, for the textfile collector")
                .contains("idmint_collisions_detected_total{source=\"faults\"} 1\n");
    }

    @Test
    void theCollisionCountOfACleanRunIsZeroAndPromtoolAcceptsIt() throws Exception {
        String text = Report.prometheus(check(List.of(new Recording("a")), List.of()));
        assertThat(text).endsWith("idmint_collisions_detected_total{source=\"faults\"} 0\n");
        assertThat(io.idmint.testkit.Promtool.checkMetrics(text)).isEmpty();
    }

    @Test
    void aStaleHolderIssuingBelowTheNewHolderAfterItAnsweredIsAnOrderViolationWithoutAnyDuplicate() {
        Recording newHolder = new Recording("new");
        Recording stale = new Recording("stale");
        newHolder.ids(1, at(0), at(10), new long[] {id(100, 7, 0)});
        stale.ids(0, at(20), at(30), new long[] {id(90, 7, 0)}); // worker 7 again, requested after, yet lower
        RunResult r = check(List.of(newHolder, stale), List.of());
        assertThat(r.duplicates()).isZero();
        assertThat(r.workerOrderViolations()).isEqualTo(1);
        assertThat(r.serverOrderViolations()).isZero();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void overlappingRequestsAreNotOrdered() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(10), new long[] {id(100, 7, 0)});
        b.ids(0, at(5), at(15), new long[] {id(90, 7, 0)}); // b began before a's answer arrived
        assertThat(check(List.of(a, b), List.of()).passed()).isTrue();
    }

    @Test
    void oneClientSeeingAServerGoBackwardsIsAPerServerViolation() {
        Recording a = new Recording("a");
        a.ids(0, at(0), at(10), new long[] {id(100, 2, 5)});
        a.ids(0, at(0), at(20), new long[] {id(100, 2, 4)}); // a stream's second message, lower
        RunResult r = check(List.of(a), List.of());
        assertThat(r.serverOrderViolations()).isEqualTo(1);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aBatchThatDoesNotIncreaseIsAViolation() {
        Recording a = new Recording("a");
        a.ids(0, at(0), at(1), new long[] {id(3, 0, 1), id(3, 0, 1), id(3, 0, 2)});
        RunResult r = check(List.of(a), List.of());
        assertThat(r.batchOrderViolations()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
    }

    @Test
    void availabilityRecoveryAndOutageOfAFaultComeFromWhatTheTargetsClientsSaw() {
        Recording target = new Recording("t");
        Recording other = new Recording("o");
        target.answered(0, at(900), at(950));
        target.failed(0, at(1000), at(2000), "timeout");
        target.failed(0, at(2000), at(3000), "timeout");
        target.answered(0, at(3000), at(3300)); // begun at the heal: recovery 0.3 s
        other.answered(1, at(1000), at(1001));
        other.answered(1, at(2000), at(2001));
        Fault f = new Fault(1, FaultKind.PAUSE_PAST_TTL, 0, 2000, at(1000), at(3000), "stopped 2000 ms");
        RunResult r = check(List.of(target, other), List.of(f));
        FaultResult fr = r.faults().get(0);
        assertThat(fr.recoveryNanos()).isEqualTo(at(300));
        assertThat(fr.windowEndNanos()).isEqualTo(at(3300));
        assertThat(fr.targetRequests()).isEqualTo(3);
        assertThat(fr.targetAnswered()).isEqualTo(1);
        assertThat(fr.requests()).isEqualTo(5);
        assertThat(fr.answered()).isEqualTo(3);
        assertThat(fr.longestOutageNanos()).isEqualTo(at(2300));
        assertThat(r.passed()).isTrue();
        assertThat(Report.byKind(r)).contains("| SIGSTOP past lease TTL, SIGCONT | 1 | 33.3 %, 33.3 % | 2.30, 2.30 | 0.30, 0.30 |");
    }

    @Test
    void aTargetThatNeverAnswersAgainFailsTheRun() {
        Recording target = new Recording("t");
        target.failed(0, at(1000), at(2000), "refused");
        target.failed(0, at(5000), at(5001), "refused");
        Fault f = new Fault(1, FaultKind.KILL_RESTART, 0, 0, at(1000), at(1000), "restarted");
        RunResult r = check(List.of(target), List.of(f));
        assertThat(r.faults().get(0).recoveryNanos()).isNegative();
        assertThat(r.passed()).isFalse();
        assertThat(Report.markdown("t", r)).contains("**not recovered**").contains("FAILED");
    }

    @Test
    void anEtcdFaultRecoversWhenTheLastMemberAnswers() {
        Recording m0 = new Recording("m0");
        Recording m1 = new Recording("m1");
        m0.answered(0, at(3000), at(3100));
        m1.failed(1, at(3000), at(3500), "unavailable");
        m1.answered(1, at(3500), at(3900));
        Fault f = new Fault(1, FaultKind.ETCD_RESTART, -1, 2000, at(1000), at(3000), "down");
        FaultResult fr = check(List.of(m0, m1), List.of(f)).faults().get(0);
        assertThat(fr.recoveryNanos()).isEqualTo(at(900));
        assertThat(fr.targetRequests()).isEqualTo(3);
    }

    @Test
    void anAbortedRunFailsEvenWithCleanIds() {
        Recording a = new Recording("a");
        a.ids(0, at(0), at(1), new long[] {id(1, 0, 0)});
        RunResult r = new Checker(List.of(a), LAYOUT, 2).check(List.of(), 0, at(10), "ServeMember 1 exited with 1 before serving");
        assertThat(r.passed()).isFalse();
        assertThat(Report.markdown("t", r)).contains("ABORTED after fault 0: ServeMember 1 exited");
    }

    @Test
    void theSparesRequestsCountForTheIdChecksButNotForAvailability() {
        Recording spare = new Recording("spare");
        Recording member = new Recording("m0");
        spare.failed(2, at(0), at(1), "connection refused"); // member 2 = the spare with 2 members
        spare.ids(2, at(5), at(6), new long[] {id(9, 1, 0)});
        member.ids(0, at(5), at(6), new long[] {id(9, 1, 0)});
        member.answered(0, at(5), at(6));
        RunResult r = check(List.of(spare, member), List.of());
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
    }
}
