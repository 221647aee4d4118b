package io.idmint.core.issuing;

import io.idmint.core.FailureKind;
import io.idmint.core.IdGenerationException;
import io.idmint.core.InvalidRequestException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a face tells its caller about a failed request: the kind, a message that names the value and the
 * limit, a retry hint when retrying can help, and for a bug only an incident ID (the stack goes to the
 * log under that ID, never to the caller). {@link #of(Throwable)} is the one place failures are classified.
 *
 * @param kind what the failure means for the caller
 * @param message safe to show the caller: the exception's own message, or an opaque line for a bug
 * @param retryAfter how long to wait, present only for {@link FailureKind#RETRY_LATER}
 * @param incident the ID under which an internal error was logged, present only for {@link FailureKind#INTERNAL}
 */
public record IssueFailure(FailureKind kind, String message, Optional<Duration> retryAfter, Optional<String> incident) {
    private static final System.Logger LOG = System.getLogger(IssueFailure.class.getName());

    /**
     * Classifies {@code failure}: an {@link IdGenerationException} says its own kind; an {@link
     * InvalidRequestException} is the caller's mistake; anything else is a bug, logged here with its stack.
     */
    public static IssueFailure of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof IdGenerationException) {
            IdGenerationException e = (IdGenerationException) t;
            return new IssueFailure(e.kind(), e.getMessage(), e.retryAfter(), Optional.empty());
        }
        if (t instanceof InvalidRequestException) {
            return new IssueFailure(FailureKind.INVALID_REQUEST, t.getMessage(), Optional.empty(), Optional.empty());
        }
        String incident = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        LOG.log(Level.ERROR, "internal error, incident " + incident, t);
        return new IssueFailure(FailureKind.INTERNAL, "internal error: quote incident " + incident
                + " to the operator, whose log has the details", Optional.empty(), Optional.of(incident));
    }

    /** The retry hint in whole seconds, rounded up, at least 1: what an HTTP Retry-After header carries. */
    public long retryAfterSeconds() {
        return retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(0L);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
