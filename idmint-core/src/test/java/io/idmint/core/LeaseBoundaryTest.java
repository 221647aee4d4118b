package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A leased generator at the edges of its lease: the last reserved millisecond, and how late a lapsed deadline is. */
class LeaseBoundaryTest {
    private static final BitLayout LAYOUT = BitLayout.DEFAULT;
    private final ManualTimeSource clock = new ManualTimeSource(LAYOUT.epochMillis() + 1_000_000);

    @Test
    void theLastReservedMillisecondIsStillIssuedAndTheNextIsNot() {
        long now = clock.peek();
        LeasedGeneratorTest.TestLease lease = new LeasedGeneratorTest.TestLease(now + 100);
        IdGenerator gen = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build();
        clock.set(now + 100);
        long last = gen.nextId();
        assertThat(LAYOUT.decode(last).timestamp().toEpochMilli()).isEqualTo(now + 100);
        assertThat(gen.nextIds(3).last()).isGreaterThan(last);
        assertThat(lease.renewalRequests).hasValue(0);
        clock.set(now + 101);
        assertThatThrownBy(gen::nextId).isInstanceOf(LeaseNotValidException.class).hasMessageContaining("has reserved");
        assertThat(lease.renewalRequests).hasValue(1);
    }

    @Test
    void aLapsedDeadlineSaysHowLongAgoInMilliseconds() {
        LeasedGeneratorTest.TestLease lease = new LeasedGeneratorTest.TestLease(clock.peek() + 10_000);
        IdGenerator gen = IdGenerator.builder(LAYOUT).timeSource(clock).lease(lease).build();
        long before = System.nanoTime();
        lease.validUntilNanos = before - TimeUnit.SECONDS.toNanos(5);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(gen::nextId);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertThat(thrown).isInstanceOf(LeaseNotValidException.class);
        Matcher m = Pattern.compile("passed its deadline (\\d+) ms ago").matcher(thrown.getMessage());
        assertThat(m.find()).as(thrown.getMessage()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isBetween(5_000L, 5_000L + elapsedMillis + 1);
    }
}
