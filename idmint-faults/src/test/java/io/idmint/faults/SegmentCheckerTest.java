package io.idmint.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The checker with segment members: plain increasing numbers, no worker in them, segments from one PostgreSQL. */
class SegmentCheckerTest {
    private static final int STEP = 200;

    private static long at(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static long[] range(long first, int count) {
        return LongStream.range(first, first + count).toArray();
    }

    private static RunResult check(List<Recording> recs, List<Fault> faults) {
        return Checker.forSegments(recs, 2, STEP).check(faults, 0, at(100_000), null);
    }

    @Test
    void membersInterleavingTheirSegmentsPassBecausePerWorkerOrderDoesNotApply() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(1), range(401, 10)); // m0 took the later segment
        b.ids(1, at(2), at(3), range(201, 10)); // m1, asked after m0 answered, still issues from its earlier one
        RunResult r = check(List.of(a, b), List.of());
        assertThat(r.passed()).as(r.examples().toString()).isTrue();
        assertThat(r.workerOrderViolations()).isZero();
        assertThat(Report.markdown("t", r)).contains("| 0 / 0 / n/a |").contains("Per-worker order is not checked");
    }

    @Test
    void aMemberGoingBackwardsAcrossItsRestartIsAPerMemberViolation() {
        Recording a = new Recording("a");
        Recording c = new Recording("c");
        a.ids(0, at(0), at(1), range(500, 5));
        c.ids(0, at(10), at(11), range(300, 5)); // another client of a later process of m0, below the earlier one
        RunResult r = check(List.of(a, c), List.of());
        assertThat(r.serverOrderViolations()).isEqualTo(1);
        assertThat(r.examples()).anyMatch(e -> e.startsWith("member 0: "));
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aRestartedMemberBelowAnIdAnotherMemberIssuedBeforeItsSpawnFailsWithoutAnyDuplicate() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(1), range(500, 5));
        b.ids(1, at(1), at(2), range(900, 5)); // received before m0's new process was spawned (at 5 s)
        a.ids(0, at(6), at(7), range(800, 5)); // above m0's own IDs, yet below 904: a reused segment
        Fault f = new Fault(1, FaultKind.KILL_RESTART, 0, 0, at(4), at(5), "restarted", 0, at(4));
        RunResult r = check(List.of(a, b), List.of(f));
        assertThat(r.duplicates()).isZero();
        assertThat(r.serverOrderViolations()).isZero();
        assertThat(r.segment().restartViolations()).isEqualTo(1);
        assertThat(r.examples()).anyMatch(e -> e.contains("RESTART BELOW EARLIER IDS") && e.contains("issued 800, not above 904"));
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aRestartAboveEverythingPassesAndReportsTheGap() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(0), at(1), range(500, 5));
        b.ids(1, at(1), at(2), range(900, 5));
        a.ids(0, at(6), at(7), range(1001, 5));
        a.answered(0, at(6), at(7));
        Fault f = new Fault(1, FaultKind.KILL_RESTART, 0, 0, at(4), at(5), "restarted", 0, at(4));
        RunResult r = check(List.of(a, b), List.of(f));
        assertThat(r.passed()).as(r.examples().toString()).isTrue();
        assertThat(Report.markdown("t", r)).contains("1 of 1 issued only above every ID").contains("smallest gap: 97 values");
    }

    @Test
    void bufferFiguresCountIdsFromTheFaultInEffectToTheHealAndTheFirstRefusalNotATimeout() {
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        a.ids(0, at(1000), at(1010), range(1, 100)); // begun before PostgreSQL was gone: it may have had a fresh segment
        a.ids(0, at(1020), at(1030), range(101, 100));
        a.answered(0, at(1020), at(1030));
        a.failed(0, at(1100), at(1400), "HttpTimeoutException"); // not a refusal
        a.refused(0, at(1100), at(1600), "HTTP 503");
        a.refused(0, at(1600), at(2100), "HTTP 503");
        a.answered(0, at(3000), at(3050));
        a.ids(0, at(3000), at(3050), range(5001, 100)); // after the heal: not from the buffer
        b.ids(1, at(1016), at(1018), range(401, 50));
        b.answered(1, at(3000), at(3010));
        Fault f = new Fault(1, FaultKind.POSTGRES_RESTART, -1, 2000, at(1000), at(3000), "down 2000 ms", -1, at(1015));
        RunResult r = check(List.of(a, b), List.of(f));
        List<SegmentFindings.BufferUse> uses = r.segment().buffers();
        assertThat(uses).extracting(SegmentFindings.BufferUse::member).containsExactly(0, 1);
        assertThat(uses.get(0).idsAfterFault()).isEqualTo(200);
        assertThat(uses.get(0).idsAfterGone()).isEqualTo(100);
        assertThat(uses.get(0).firstRefusalNanos()).as("from the injection").isEqualTo(at(600));
        assertThat(uses.get(1).idsAfterFault()).isEqualTo(50);
        assertThat(uses.get(1).idsAfterGone()).isEqualTo(50);
        assertThat(uses.get(1).firstRefusalNanos()).isEqualTo(-1);
        assertThat(Buffers.byKind(r.segment())).contains("| PostgreSQL killed, restarted | 2 | 0.60, 0.60, 0.60 | 1 | 125, 200 | 75, 100 |");
        assertThat(Report.markdown("t", r)).contains("| 1 | PostgreSQL killed, restarted | 2.0 | 0.60 s, 200 / 100 | no refusal, 50 / 50 |");
    }

    @Test
    void theMemberKilledDuringAnOutageIsLeftOutOfTheBufferFigures() {
        Recording a = new Recording("a");
        a.refused(0, at(1000), at(1500), "HTTP 503");
        a.answered(0, at(9000), at(9001));
        Recording b = new Recording("b");
        b.refused(1, at(1000), at(1700), "HTTP 503");
        b.answered(1, at(9000), at(9001));
        Fault f = new Fault(1, FaultKind.POSTGRES_DOWN_MEMBER_KILL, -1, 3000, at(1000), at(4000), "m1 killed", 1, at(1000));
        SegmentFindings s = check(List.of(a, b), List.of(f)).segment();
        assertThat(s.measured(FaultKind.POSTGRES_DOWN_MEMBER_KILL)).extracting(SegmentFindings.BufferUse::member).containsExactly(0);
        assertThat(Report.markdown("t", check(List.of(a, b), List.of(f)))).contains("| 0.50 s, 0 / 0 | killed -9, 0 / 0 |");
    }

    @Test
    void onlyAnUnavailableStatusTheServerSentIsARefusal() {
        assertThat(GrpcStreamClient.refusedByServer(Status.UNAVAILABLE.withDescription("no ID within maxWait").asRuntimeException()))
                .isTrue();
        assertThat(GrpcStreamClient.refusedByServer(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("Connection refused")).asRuntimeException())).isFalse();
        assertThat(GrpcStreamClient.refusedByServer(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
    }

    @Test
    void faultKindsBelongToTheirSetups() {
        assertThat(List.of(FaultKind.values()).stream().filter(k -> k.runsWith(true, 1)))
                .containsExactly(FaultKind.KILL_RESTART, FaultKind.MEMBER_PAUSE, FaultKind.POSTGRES_RESTART,
                        FaultKind.POSTGRES_FREEZE, FaultKind.POSTGRES_DOWN_MEMBER_KILL);
        // The leasing setups keep their lists (and so each seed its schedule) as before the segment faults came.
        assertThat(List.of(FaultKind.values()).stream().filter(k -> k.runsWith(false, 1))).hasSize(9)
                .doesNotContain(FaultKind.MEMBER_PAUSE);
        assertThat(List.of(FaultKind.values()).stream().filter(k -> k.runsWith(false, 3))).hasSize(12);
    }
}
