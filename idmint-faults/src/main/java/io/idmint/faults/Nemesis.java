package io.idmint.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Injects faults one at a time on a schedule drawn from a seed: the same seed gives the same kinds,
 * targets and parameters in the same order. Every round injects each {@link FaultKind} once, in a
 * shuffled order; rounds repeat until the profile's time is up. Between faults the cluster gets a quiet
 * period, so each fault's availability and recovery are measured on their own.
 */
final class Nemesis {
    static final int RECOVERY_WAIT_SECONDS = 30;
    private final Cluster cluster;
    private final Random random;
    private final long leaseTtlMillis;
    private final long quietMillis;
    private final PrintStream out;
    private final List<Fault> faults = new ArrayList<>();
    private final List<FaultKind> kinds;
    private final List<Client> clients;

    Nemesis(Cluster cluster, List<Client> clients, List<FaultKind> kinds, long seed, long leaseTtlMillis, long quietMillis,
            PrintStream out) {
        this.cluster = cluster;
        this.clients = clients;
        this.kinds = kinds;
        this.random = new Random(seed);
        this.leaseTtlMillis = leaseTtlMillis;
        this.quietMillis = quietMillis;
        this.out = out;
    }

    /** The faults injected so far (after an aborted run, the ones before the abort). */
    List<Fault> injected() {
        return List.copyOf(faults);
    }

    /** Runs whole rounds until {@code untilNanos} (at least one round); returns the faults injected. */
    List<Fault> run(long untilNanos) throws IOException, InterruptedException {
        do {
            List<FaultKind> round = new ArrayList<>(kinds);
            Collections.shuffle(round, random);
            for (FaultKind kind : round) {
                pause(quietMillis); // the quiet period before each fault
                Fault f = inject(faults.size() + 1, kind);
                faults.add(f);
                boolean back = awaitAnswers(f);
                out.printf("faults: #%d %s on %s (%s)%s%n", f.number(), kind.label, f.targetName(), f.detail(),
                        back ? "" : ": NOT ANSWERING " + RECOVERY_WAIT_SECONDS + " s after the heal");
            }
        } while (System.nanoTime() - untilNanos < 0);
        pause(quietMillis);
        return List.copyOf(faults);
    }

    /**
     * Waits until every affected member answered a request begun after the heal, so the next fault meets a
     * recovered cluster; gives up after {@value #RECOVERY_WAIT_SECONDS} s (the checker reports it).
     */
    private boolean awaitAnswers(Fault f) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_WAIT_SECONDS);
        for (Member m : cluster.members()) {
            if ((f.affectsAll() || m.slot == f.target()) && !awaitAnswers(m.slot, f.healedNanos(), deadline)) {
                return false;
            }
        }
        return true;
    }

    private boolean awaitAnswers(int member, long sinceNanos) {
        return awaitAnswers(member, sinceNanos, System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_WAIT_SECONDS));
    }

    private boolean awaitAnswers(int member, long sinceNanos, long deadlineNanos) {
        while (System.nanoTime() - deadlineNanos < 0) {
            if (clients.stream().anyMatch(c -> c.member == member && c.recording.answeredSince(sinceNanos))) {
                return true;
            }
            pause(10); // poll pacing
        }
        return false;
    }

    private Fault inject(int number, FaultKind kind) throws IOException, InterruptedException {
        int target = random.nextInt(cluster.members().size());
        Member m = cluster.members().get(target);
        switch (kind) {
            case KILL_RESTART: {
                long at = System.nanoTime();
                m.kill9();
                long healed = System.nanoTime();
                m.start(0);
                return new Fault(number, kind, target, 0, at, healed, "restarted at once; new incarnation " + m.incarnation(),
                        target, at);
            }
            case PAUSE_PAST_TTL: {
                long holdMillis = leaseTtlMillis + 500 + random.nextInt(1500);
                long at = System.nanoTime();
                m.pause();
                pause(holdMillis);
                long healed = System.nanoTime();
                m.resume();
                return new Fault(number, kind, target, holdMillis, at, healed, "stopped " + holdMillis + " ms, TTL " + leaseTtlMillis + " ms");
            }
            case PAUSE_TAKEOVER:
                return takeover(number, m);
            case ETCD_RESTART:
                return etcdRestart(number);
            case CLOCK_STEP_BACK:
                return clockStep(number, m);
            case RESTART_CLOCK_BEHIND:
                return restartBehind(number, m);
            case COORDINATOR_FLAP:
                return coordinatorFlap(number, m);
            case CLOCK_STEP_FORWARD:
                return clockStepForward(number, m);
            case MISCONFIGURED_START:
                return misconfigured(number);
            case ETCD_MEMBER_KILL:
            case ETCD_MEMBER_FREEZE:
                return etcdMember(number, kind);
            case ETCD_QUORUM_LOSS:
                return quorumLoss(number);
            case MEMBER_PAUSE:
                return memberPause(number, m);
            case POSTGRES_RESTART:
                return postgresRestart(number);
            case POSTGRES_FREEZE:
                return postgresFreeze(number);
            case POSTGRES_DOWN_MEMBER_KILL:
                return postgresDownMemberKill(number, m);
            default:
                throw new IllegalStateException("unknown fault " + kind);
        }
    }

    /**
     * The fencing case: a member is stopped until its ID is free, the spare claims that ID, and the old holder
     * runs again while the ID is held elsewhere. It must refuse until the spare releases the ID, then start
     * above the spare's last ID (the checker's per-worker order catches any ID it issued in between).
     */
    private Fault takeover(int number, Member holder) throws IOException, InterruptedException {
        Member spare = cluster.spare();
        int worker = holder.worker();
        long at = System.nanoTime();
        holder.pause();
        spare.start(0); // blocks until the spare holds an ID: the only one free is the paused holder's, after its TTL and rest
        long taken = System.nanoTime();
        awaitAnswers(spare.slot, taken);
        holder.resume();
        pause(leaseTtlMillis); // the old holder runs while its ID is held elsewhere
        long healed = System.nanoTime();
        spare.terminate(); // releases the ID with its exact last timestamp
        return new Fault(number, FaultKind.PAUSE_TAKEOVER, holder.slot, TimeUnit.NANOSECONDS.toMillis(healed - at), at, healed,
                "worker " + worker + " claimed by the spare as worker " + spare.worker() + " "
                        + TimeUnit.NANOSECONDS.toMillis(taken - at) + " ms after SIGSTOP");
    }

    private Fault etcdRestart(int number) throws IOException, InterruptedException {
        long downMillis = leaseTtlMillis + 500 + random.nextInt(1500);
        long at = System.nanoTime();
        cluster.etcd().kill9();
        pause(downMillis);
        long restart = System.nanoTime();
        cluster.etcd().start();
        long healed = System.nanoTime(); // recovery counts from etcd answering again, not from its start-up
        return new Fault(number, FaultKind.ETCD_RESTART, -1, downMillis, at, healed, "down " + downMillis + " ms + "
                + TimeUnit.NANOSECONDS.toMillis(healed - restart) + " ms to start, TTL " + leaseTtlMillis + " ms");
    }

    /** A running member's clock steps back 0.5..5 s and stays there for the step plus 1 s, then is set right. */
    private Fault clockStep(int number, Member m) throws IOException, InterruptedException {
        long stepMillis = 500 + random.nextInt(4501);
        long at = System.nanoTime();
        m.clockOffset(-stepMillis);
        pause(stepMillis + 1000);
        long healed = System.nanoTime();
        m.clockOffset(0);
        return new Fault(number, FaultKind.CLOCK_STEP_BACK, m.slot, stepMillis, at, healed, "back " + stepMillis + " ms");
    }

    /** SIGTERM (the lease is released with the exact last timestamp), then a start with the clock 1..5 s behind it. */
    private Fault restartBehind(int number, Member m) throws IOException, InterruptedException {
        // At most what the restarted process can wait within its acquire timeout (3 TTL) after the recycle delay.
        long maxBehindMillis = Math.max(1000, Math.min(5000, 3 * leaseTtlMillis - leaseTtlMillis / 2 - 500));
        long behindMillis = 1000 + random.nextInt((int) (maxBehindMillis - 1000) + 1);
        long at = System.nanoTime();
        m.terminate();
        long healed = System.nanoTime(); // the restart begins: recovery includes the wait behind the mark
        m.start(-behindMillis);
        pause(1000);
        m.clockOffset(0);
        return new Fault(number, FaultKind.RESTART_CLOCK_BEHIND, m.slot, behindMillis, at, healed,
                "clock " + behindMillis + " ms behind at start; worker " + m.worker());
    }

    /**
     * Defect #1 of the 2026-11-30 review: a member loses its lease (stopped past the TTL), and while it
     * re-claims, etcd goes down twice for a moment. The member must end up holding a lease and serving.
     */
    private Fault coordinatorFlap(int number, Member m) throws IOException, InterruptedException {
        long holdMillis = leaseTtlMillis + 500;
        long at = System.nanoTime();
        m.pause();
        pause(holdMillis);
        m.resume();
        for (int flap = 0; flap < 2; flap++) {
            cluster.etcd().kill9();
            pause(200 + random.nextInt(300));
            cluster.etcd().start();
        }
        long healed = System.nanoTime();
        return new Fault(number, FaultKind.COORDINATOR_FLAP, m.slot, holdMillis, at, healed,
                "stopped " + holdMillis + " ms, then etcd killed and restarted twice during the re-claim");
    }

    /**
     * Defect #2: the clock steps forward past the reservation under load; every refused request asked for a
     * renewal, one coordinator write each. Then the clock is set right, which is a step back by as much.
     */
    private Fault clockStepForward(int number, Member m) throws IOException, InterruptedException {
        long stepMillis = 2000 + random.nextInt(3001);
        long at = System.nanoTime();
        m.clockOffset(stepMillis);
        pause(3000);
        m.clockOffset(0);
        long healed = System.nanoTime();
        return new Fault(number, FaultKind.CLOCK_STEP_FORWARD, m.slot, stepMillis, at, healed,
                "forward " + stepMillis + " ms for 3 s, then set right");
    }

    /**
     * Processes configured to collide with the fleet: another layout, a datacenter number bound to another
     * region, a clock 15 s behind the peers. Each must be refused at start, naming why; none may issue.
     */
    private Fault misconfigured(int number) throws IOException, InterruptedException {
        long at = System.nanoTime();
        ClusterSettings s = cluster.settings();
        String layout = Probe.expectRefused(s, cluster.config(), number + "-layout", List.of("--layout", "twitter"), 0,
                "differs from the layout");
        String region = Probe.expectRefused(s, cluster.config(), number + "-region", List.of("--region", "elsewhere"), 0,
                "is bound to region");
        String clock = Probe.expectRefused(s, cluster.config(), number + "-clock", List.of(), -15_000, "behind the median");
        long healed = System.nanoTime();
        out.println("faults:   refused: " + layout.trim());
        out.println("faults:   refused: " + region.trim());
        out.println("faults:   refused: " + clock.trim());
        return new Fault(number, FaultKind.MISCONFIGURED_START, -1, 0, at, healed,
                "another layout, a clashing region, a clock 15 s off: all three refused at start");
    }

    /** One of etcd's three members killed (or frozen, as if partitioned away) for 1..3 TTL, then back. */
    private Fault etcdMember(int number, FaultKind kind) throws IOException, InterruptedException {
        int member = random.nextInt(cluster.etcd().members());
        long downMillis = leaseTtlMillis + random.nextInt((int) (2 * leaseTtlMillis));
        long at = System.nanoTime();
        if (kind == FaultKind.ETCD_MEMBER_KILL) {
            cluster.etcd().kill9(member);
            pause(downMillis);
            cluster.etcd().start(member);
        } else {
            cluster.etcd().freeze(member);
            pause(downMillis);
            cluster.etcd().thaw(member);
        }
        long healed = System.nanoTime();
        return new Fault(number, kind, -1, downMillis, at, healed, "etcd member " + member + " for " + downMillis + " ms");
    }

    /** Two of etcd's three members killed past the TTL: no quorum, as a single etcd's outage; then both back. */
    private Fault quorumLoss(int number) throws IOException, InterruptedException {
        int spared = random.nextInt(3);
        long downMillis = leaseTtlMillis + 500 + random.nextInt(1500);
        long at = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            if (i != spared) {
                cluster.etcd().kill9(i);
            }
        }
        pause(downMillis);
        for (int i = 0; i < 3; i++) {
            if (i != spared) {
                cluster.etcd().start(i);
            }
        }
        long healed = System.nanoTime();
        return new Fault(number, FaultKind.ETCD_QUORUM_LOSS, -1, downMillis, at, healed,
                "members other than " + spared + " down " + downMillis + " ms");
    }

    /** A segment member stopped for 1..5 s: it must go on from its buffered segments, reusing nothing. */
    private Fault memberPause(int number, Member m) throws IOException, InterruptedException {
        long holdMillis = 1000 + random.nextInt(4001);
        long at = System.nanoTime();
        m.pause();
        pause(holdMillis);
        long healed = System.nanoTime();
        m.resume();
        return new Fault(number, FaultKind.MEMBER_PAUSE, m.slot, holdMillis, at, healed, "stopped " + holdMillis + " ms");
    }

    /**
     * PostgreSQL crashes (SIGKILL of the postmaster) and is restarted on its data 1..5 s later. Meanwhile the
     * members serve from their two buffered segments, then refuse with "retry later" until a fetch works again.
     */
    private Fault postgresRestart(int number) throws IOException, InterruptedException {
        long downMillis = 1000 + random.nextInt(4001);
        long at = System.nanoTime();
        cluster.postgres().kill9();
        long gone = System.nanoTime(); // the postmaster and its backends too, which may answer until they notice
        pause(downMillis);
        long restart = System.nanoTime();
        cluster.postgres().start();
        long healed = System.nanoTime(); // recovery counts from PostgreSQL accepting connections, not from its start-up
        return new Fault(number, FaultKind.POSTGRES_RESTART, -1, downMillis, at, healed, "down " + downMillis + " ms (all gone "
                + TimeUnit.NANOSECONDS.toMillis(gone - at) + " ms after the kill) + " + TimeUnit.NANOSECONDS.toMillis(healed - restart)
                + " ms to start (crash recovery)", -1, gone);
    }

    /**
     * Every PostgreSQL process stopped for 1..5 s: connections stay open and nothing answers, as in a network
     * partition. A fetch must time out (the store's 1 s), not hang, and the members must resume after SIGCONT.
     */
    private Fault postgresFreeze(int number) throws IOException, InterruptedException {
        long holdMillis = 1000 + random.nextInt(4001);
        long at = System.nanoTime();
        cluster.postgres().freeze();
        long frozen = System.nanoTime();
        int processes = cluster.postgres().frozenCount();
        pause(holdMillis);
        long healed = System.nanoTime();
        cluster.postgres().thaw();
        return new Fault(number, FaultKind.POSTGRES_FREEZE, -1, holdMillis, at, healed, processes + " processes stopped "
                + holdMillis + " ms (all stopped " + TimeUnit.NANOSECONDS.toMillis(frozen - at) + " ms after the call)", -1, frozen);
    }

    /**
     * PostgreSQL killed; 0.1..1 s later, while the members live on their buffers, one member is killed too; once
     * PostgreSQL is back (1..5 s after its kill) the member starts again and must take segments above every
     * ID issued before, including those of segments its dead process had fetched and not yet used.
     */
    private Fault postgresDownMemberKill(int number, Member m) throws IOException, InterruptedException {
        long downMillis = 1000 + random.nextInt(4001);
        long killAfterMillis = 100 + random.nextInt(901);
        long at = System.nanoTime();
        cluster.postgres().kill9();
        long gone = System.nanoTime();
        pause(killAfterMillis);
        m.kill9();
        pause(downMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at));
        cluster.postgres().start();
        long healed = System.nanoTime(); // the member's old process is gone, its new one not yet spawned
        m.start(0);
        return new Fault(number, FaultKind.POSTGRES_DOWN_MEMBER_KILL, -1, downMillis, at, healed, "PostgreSQL down "
                + downMillis + " ms; m" + m.slot + " killed -9 " + killAfterMillis + " ms into it, started once PostgreSQL was back",
                m.slot, gone);
    }

    /** The schedule's own timing (how long a fault lasts), not synchronisation. */
    private static void pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
