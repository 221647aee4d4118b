package io.idmint.faults;

/** The faults the nemesis injects; each profile injects every kind at least once. */
enum FaultKind {
    KILL_RESTART("kill -9, restart"),
    PAUSE_PAST_TTL("SIGSTOP past lease TTL, SIGCONT"),
    PAUSE_TAKEOVER("SIGSTOP, ID taken over, SIGCONT"),
    ETCD_RESTART("etcd killed, restarted"),
    CLOCK_STEP_BACK("clock stepped back"),
    RESTART_CLOCK_BEHIND("restart, clock behind its mark");

    final String label;

    FaultKind(String label) {
        this.label = label;
    }
}
