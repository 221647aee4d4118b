package io.idmint.faults;

/** The faults the nemesis injects; each profile injects every kind its setup allows at least once. */
enum FaultKind {
    KILL_RESTART("kill -9, restart", Setup.ANY),
    PAUSE_PAST_TTL("SIGSTOP past lease TTL, SIGCONT", Setup.LEASES),
    PAUSE_TAKEOVER("SIGSTOP, ID taken over, SIGCONT", Setup.LEASES),
    ETCD_RESTART("etcd killed, restarted", Setup.LEASES),
    CLOCK_STEP_BACK("clock stepped back", Setup.LEASES),
    RESTART_CLOCK_BEHIND("restart, clock behind its mark", Setup.LEASES),
    COORDINATOR_FLAP("etcd flaps while a member re-claims", Setup.LEASES),
    CLOCK_STEP_FORWARD("clock stepped forward under load", Setup.LEASES),
    MISCONFIGURED_START("misconfigured members refused at start", Setup.LEASES),
    ETCD_MEMBER_KILL("one etcd member killed, restarted", Setup.ETCD_CLUSTER),
    ETCD_MEMBER_FREEZE("one etcd member frozen (as if partitioned)", Setup.ETCD_CLUSTER),
    ETCD_QUORUM_LOSS("etcd quorum lost (2 of 3 killed), restored", Setup.ETCD_CLUSTER),
    // The segment scheme's faults come last, so that the snowflake setups' lists, and so their seeds' schedules, stay as they were.
    MEMBER_PAUSE("SIGSTOP, SIGCONT", Setup.SEGMENTS),
    POSTGRES_RESTART("PostgreSQL killed, restarted", Setup.SEGMENTS),
    POSTGRES_FREEZE("PostgreSQL frozen (SIGSTOP), SIGCONT", Setup.SEGMENTS),
    POSTGRES_DOWN_MEMBER_KILL("member killed while PostgreSQL is down", Setup.SEGMENTS);

    /** What a fault needs around the members. */
    enum Setup {
        /** Any setup: only the members themselves are involved. */
        ANY,
        /** Snowflake members leasing worker IDs from etcd (one member or three). */
        LEASES,
        /** Leases on etcd run as a cluster of three ({@code --etcd-members 3}). */
        ETCD_CLUSTER,
        /** Segment members on PostgreSQL ({@code --scheme segment}). */
        SEGMENTS
    }

    final String label;
    final Setup setup;

    FaultKind(String label, Setup setup) {
        this.label = label;
        this.setup = setup;
    }

    /** Whether the fault can be injected with segment members ({@code segments}) or leasing ones on {@code etcdMembers} etcd members. */
    boolean runsWith(boolean segments, int etcdMembers) {
        return switch (setup) {
            case ANY -> true;
            case LEASES -> !segments;
            case ETCD_CLUSTER -> !segments && etcdMembers == 3;
            case SEGMENTS -> segments;
        };
    }

    /** Whether PostgreSQL, which every segment member takes its segments from, is the fault (or part of it). */
    boolean hitsPostgres() {
        return this == POSTGRES_RESTART || this == POSTGRES_FREEZE || this == POSTGRES_DOWN_MEMBER_KILL;
    }
}
