package io.idmint.faults;

/** The faults the nemesis injects; each profile injects every kind at least once. */
enum FaultKind {
    KILL_RESTART("kill -9, restart", false),
    PAUSE_PAST_TTL("SIGSTOP past lease TTL, SIGCONT", false),
    PAUSE_TAKEOVER("SIGSTOP, ID taken over, SIGCONT", false),
    ETCD_RESTART("etcd killed, restarted", false),
    CLOCK_STEP_BACK("clock stepped back", false),
    RESTART_CLOCK_BEHIND("restart, clock behind its mark", false),
    COORDINATOR_FLAP("etcd flaps while a member re-claims", false),
    CLOCK_STEP_FORWARD("clock stepped forward under load", false),
    MISCONFIGURED_START("misconfigured members refused at start", false),
    ETCD_MEMBER_KILL("one etcd member killed, restarted", true),
    ETCD_MEMBER_FREEZE("one etcd member frozen (as if partitioned)", true),
    ETCD_QUORUM_LOSS("etcd quorum lost (2 of 3 killed), restored", true);

    final String label;
    /** Whether the fault needs etcd to run as a cluster of three ({@code --etcd-members 3}). */
    final boolean needsEtcdCluster;

    FaultKind(String label, boolean needsEtcdCluster) {
        this.label = label;
        this.needsEtcdCluster = needsEtcdCluster;
    }
}
