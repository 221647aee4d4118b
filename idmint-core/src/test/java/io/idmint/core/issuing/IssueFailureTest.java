package io.idmint.core.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.ClockBehindHighWaterMarkException;
import io.idmint.core.ClockMovedBackwardsException;
import io.idmint.core.FailureKind;
import io.idmint.core.GeneratorClosedException;
import io.idmint.core.IdGenerationException;
import io.idmint.core.InvalidIdException;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.LayoutExpiredException;
import io.idmint.core.LeaseNotValidException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one classification of failures every face maps to its codes. */
class IssueFailureTest {
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new InvalidRequestException("count must be 1..100000: count=0"), FailureKind.INVALID_REQUEST, 0),
                Arguments.of(new InvalidIdException("not a decimal ID: 'x'"), FailureKind.INVALID_REQUEST, 0),
                Arguments.of(new UnknownGeneratorException("nope", List.of("default", "orders")), FailureKind.INVALID_REQUEST, 0),
                Arguments.of(new LeaseNotValidException("lease passed its deadline"), FailureKind.RETRY_LATER, 1),
                Arguments.of(new ClockMovedBackwardsException("clock moved backwards", 2_500), FailureKind.RETRY_LATER, 3),
                Arguments.of(new ClockBehindHighWaterMarkException("clock behind the mark"), FailureKind.RETRY_LATER, 1),
                Arguments.of(new IdGenerationException("cannot persist the mark"), FailureKind.RETRY_LATER, 1),
                Arguments.of(new IssuingStoppedException("shutting down"), FailureKind.RETRY_LATER, 1),
                Arguments.of(new LayoutExpiredException("layout 'tiny' is full"), FailureKind.PERMANENT, 0),
                Arguments.of(new GeneratorClosedException("generator is closed"), FailureKind.PERMANENT, 0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachExceptionSaysItsKindAndKeepsItsMessage(RuntimeException e, FailureKind kind, long retryAfterSeconds) {
        IssueFailure f = IssueFailure.of(e);
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.message()).isEqualTo(e.getMessage());
        assertThat(f.retryAfterSeconds()).isEqualTo(retryAfterSeconds);
        assertThat(f.retryAfter().isPresent()).isEqualTo(kind == FailureKind.RETRY_LATER);
        assertThat(f.incident()).isEmpty();
    }

    @Test
    void aWrappedFailureIsClassifiedByItsCause() {
        IssueFailure f = IssueFailure.of(new CompletionException(new LayoutExpiredException("layout is full")));
        assertThat(f.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(f.message()).isEqualTo("layout is full");
    }

    @Test
    void anythingElseIsABugLoggedWithItsStackAndNeverShownToTheCaller() {
        Logger jul = Logger.getLogger(IssueFailure.class.getName());
        Recorder recorder = new Recorder();
        jul.addHandler(recorder);
        try {
            RuntimeException bug = new IllegalStateException("secret internal detail: password=hunter2");
            IssueFailure f = IssueFailure.of(bug);
            assertThat(f.kind()).isEqualTo(FailureKind.INTERNAL);
            assertThat(f.incident()).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
            assertThat(f.message()).contains(f.incident().get()).doesNotContain("secret").doesNotContain("IllegalState");
            assertThat(recorder.last.getThrown()).isSameAs(bug);
            assertThat(recorder.last.getMessage()).contains(f.incident().get());
            // A plain IllegalArgumentException is not the caller's mistake: only InvalidRequestException is.
            assertThat(IssueFailure.of(new IllegalArgumentException("x")).kind()).isEqualTo(FailureKind.INTERNAL);
            assertThat(IssueFailure.of(bug).incident()).isNotEqualTo(f.incident());
        } finally {
            jul.removeHandler(recorder);
        }
    }

    @Test
    void aRetryHintIsRoundedUpToWholeSeconds() {
        assertThat(new IssueFailure(FailureKind.RETRY_LATER, "m", Optional.of(Duration.ofMillis(1)), Optional.empty())
                .retryAfterSeconds()).isEqualTo(1);
        assertThat(new IssueFailure(FailureKind.RETRY_LATER, "m", Optional.of(Duration.ofMillis(4001)), Optional.empty())
                .retryAfterSeconds()).isEqualTo(5);
    }

    private static final class Recorder extends Handler {
        volatile LogRecord last;

        @Override
        public void publish(LogRecord record) {
            last = record;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
