package io.idmint.coordination;

/**
 * A fault seam for the coordinators' conditional writes: when it says so, a write that has just committed
 * is sent again, as a client library does when a commit's answer is lost (Curator's retry policy, jetcd's
 * retries), and the caller sees the second answer. Production code uses {@link #NEVER}.
 */
interface WriteReplay {
    WriteReplay NEVER = operation -> false;

    /** Whether to send {@code operation} ({@code claim}, {@code renew}) again after it committed. */
    boolean replayAfterCommit(String operation);
}
