package io.idmint.core.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idmint.core.BitLayout;
import io.idmint.core.ClockRollbackPolicy;
import io.idmint.core.FailureKind;
import io.idmint.core.GeneratorClosedException;
import io.idmint.core.IdGenerator;
import io.idmint.core.ManualTimeSource;
import io.idmint.core.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issuing core: names, the stop switch, readiness over every generator, closing them all. */
class IdIssuerTest {
    static final long T = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    final ManualTimeSource clock = new ManualTimeSource(T);

    private NamedGenerator snowflake(String name, BitLayout layout, int worker) {
        return NamedGenerator.snowflake(name, IdGenerator.builder(layout).worker(worker).timeSource(clock)
                .rollbackPolicy(ClockRollbackPolicy.waitUpTo(Duration.ofMillis(100))).build(), LeaseReport.NONE);
    }

    @Test
    void aRequestWithoutANameGetsTheDefaultAndAnUnknownNameListsTheKnownOnes() {
        IdIssuer issuer = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1),
                snowflake("orders", BitLayout.preset("twitter"), 2)));
        assertThat(issuer.generator(null).name()).isEqualTo("default");
        assertThat(issuer.generator("").name()).isEqualTo("default");
        NamedGenerator orders = issuer.generator("orders");
        long[] ids = new long[3];
        assertThat(issuer.issue(orders, ids, 0, BatchSize.of(3))).isEqualTo(2);
        assertThat(orders.codec().describe(new long[] {ids[2]})).containsEntry("layout", "twitter").containsEntry("worker", 2);
        assertThatThrownBy(() -> issuer.generator("events")).isInstanceOf(UnknownGeneratorException.class)
                .hasMessage("unknown generator: generator=events (this process serves default, orders)");
    }

    @Test
    void namesMustBeUniqueAndOneMustBeTheDefault() {
        assertThatThrownBy(() -> IdIssuer.of(List.of(snowflake("orders", BitLayout.DEFAULT, 1))))
                .hasMessage("the default generator default is not among [orders]");
        assertThatThrownBy(() -> IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1),
                snowflake("default", BitLayout.DEFAULT, 2)))).hasMessage("generator names must be unique: default appears twice");
        assertThatThrownBy(() -> snowflake("Orders!", BitLayout.DEFAULT, 1))
                .hasMessage("generator name must match [a-z0-9][a-z0-9_-]{0,62}: name=Orders!");
    }

    @Test
    void afterStopIssuingEveryIssueIsRetryLaterAndResumeLetsThemThrough() {
        IdIssuer issuer = IdIssuer.of(snowflake("default", BitLayout.DEFAULT, 1));
        NamedGenerator g = issuer.defaultGenerator();
        issuer.stopIssuing("draining");
        assertThatThrownBy(() -> issuer.issueOne(g)).isInstanceOfSatisfying(IssuingStoppedException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.RETRY_LATER)).hasMessageContaining("draining");
        assertThatThrownBy(() -> issuer.tryIssue(g, new long[1], 0, BatchSize.ONE)).isInstanceOf(IssuingStoppedException.class);
        assertThat(issuer.readiness().reason()).isEqualTo("not issuing: draining");
        issuer.resumeIssuing();
        assertThat(issuer.issueOne(g)).isPositive();
    }

    @Test
    void readinessNamesTheFirstGeneratorThatCannotIssue() {
        IdIssuer issuer = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1), snowflake("orders", BitLayout.DEFAULT, 2)));
        issuer.issueOne(issuer.generator("orders"));
        assertThat(issuer.readiness()).isEqualTo(Readiness.READY);
        clock.set(T - 5_000);
        assertThat(issuer.readiness().reason()).startsWith("generator orders: the clock reads 5000 ms behind");
    }

    @Test
    void closeClosesEveryGeneratorEvenWhenOneFails() {
        NamedGenerator ok = snowflake("default", BitLayout.DEFAULT, 1);
        NamedGenerator failing = new NamedGeneratorStub("orders") {
            @Override
            public void close() {
                throw new IllegalStateException("store unwritable");
            }
        };
        NamedGenerator last = snowflake("events", BitLayout.DEFAULT, 3);
        IdIssuer issuer = IdIssuer.of(List.of(ok, failing, last));
        assertThatThrownBy(issuer::close).hasMessage("store unwritable");
        assertThatThrownBy(() -> last.issue(new long[1], 0, BatchSize.ONE)).isInstanceOf(GeneratorClosedException.class);
        assertThatThrownBy(() -> ok.issue(new long[1], 0, BatchSize.ONE)).isInstanceOf(GeneratorClosedException.class);
    }

    @Test
    void afterCloseTheIssuerRefusesAsShuttingDownAndEveryFailureBeyondTheFirstIsKept() {
        NamedGenerator failing = new NamedGeneratorStub("orders") {
            @Override
            public void close() {
                throw new IllegalStateException("store unwritable");
            }
        };
        NamedGenerator alsoFailing = new NamedGeneratorStub("events") {
            @Override
            public void close() {
                throw new IllegalStateException("lease release failed");
            }
        };
        IdIssuer issuer = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1), failing, alsoFailing));
        assertThatThrownBy(issuer::close).hasMessage("store unwritable")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("lease release failed"));
        assertThatThrownBy(() -> issuer.tryIssue(issuer.defaultGenerator(), new long[1], 0, BatchSize.ONE))
                .isInstanceOf(IssuingStoppedException.class).hasMessageContaining("shutting down");
        assertThat(issuer.readiness().reason()).isEqualTo("not issuing: shutting down");
    }

    @Test
    void anUnsynchronizedClockIsReportedAndMakesTheProcessUnreadyOnlyWhenRequired() {
        ClockStatus unsynced = new ClockStatus(ClockStatus.Ntp.UNSYNCHRONIZED, 16_000, 16_000, "adjtimex: state 5");
        IdIssuer reportOnly = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1)), "default",
                new ClockCheck(() -> unsynced, false));
        assertThat(reportOnly.clockStatus()).isEqualTo(unsynced);
        assertThat(reportOnly.readiness().ready()).isTrue();
        IdIssuer strict = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1)), "default",
                new ClockCheck(() -> unsynced, true));
        assertThat(strict.readiness().reason())
                .isEqualTo("the kernel reports the clock unsynchronized (adjtimex: state 5) and clock.requireNtpSync is set");
        IdIssuer synced = IdIssuer.of(List.of(snowflake("default", BitLayout.DEFAULT, 1)), "default",
                new ClockCheck(() -> new ClockStatus(ClockStatus.Ntp.SYNCHRONIZED, 1, 10, "ok"), true));
        assertThat(synced.readiness().ready()).isTrue();
    }
}
