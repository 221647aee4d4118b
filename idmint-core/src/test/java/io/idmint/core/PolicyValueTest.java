package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The policies are values: configurations compare them (a reloaded config with the same policy is the same
 * policy) and print them in messages and in {@code /api/v1/info}.
 */
class PolicyValueTest {
    @Test
    void rollbackPoliciesAreEqualExactlyWhenKindAndBoundAre() {
        ClockRollbackPolicy wait1s = ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(1));
        assertThat(wait1s).isEqualTo(ClockRollbackPolicy.defaultPolicy()).hasSameHashCodeAs(ClockRollbackPolicy.defaultPolicy());
        assertThat(wait1s).isNotEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(2)));
        assertThat(wait1s.hashCode()).isNotEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ofSeconds(2)).hashCode());
        assertThat(wait1s).isNotEqualTo(ClockRollbackPolicy.logicalOffset(Duration.ofSeconds(1)));
        assertThat(ClockRollbackPolicy.failFast()).isEqualTo(ClockRollbackPolicy.failFast())
                .isNotEqualTo(ClockRollbackPolicy.waitUpTo(Duration.ZERO));
        assertThat(wait1s).isNotEqualTo("wait(up to 1000 ms)");
    }

    @Test
    void rollbackPoliciesAreNamedAsConfigFilesNameThem() {
        assertThat(ClockRollbackPolicy.defaultPolicy().name()).isEqualTo("wait");
        assertThat(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(5)).name()).isEqualTo("logical-offset");
        assertThat(ClockRollbackPolicy.failFast().name()).isEqualTo("fail-fast");
        assertThat(ClockRollbackPolicy.logicalOffset(Duration.ofMillis(5))).hasToString("logical-offset(lead up to 5 ms)");
        assertThat(ClockRollbackPolicy.failFast().bound()).isZero();
    }

    @Test
    void overflowPoliciesAreEqualExactlyWhenTheirLeadIs() {
        SequenceOverflowPolicy spin = SequenceOverflowPolicy.spinToNextTick();
        SequenceOverflowPolicy borrow5 = SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5));
        assertThat(spin).isEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ZERO)).isNotEqualTo(borrow5);
        assertThat(borrow5).isEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(5)))
                .isNotEqualTo(SequenceOverflowPolicy.borrowAhead(Duration.ofMillis(6))).isNotEqualTo(Duration.ofMillis(5));
        assertThat(borrow5.hashCode()).isEqualTo(Duration.ofMillis(5).hashCode());
        assertThat(spin).hasToString("spin-to-next-tick");
        assertThat(borrow5).hasToString("borrow-ahead(up to 5 ms)");
    }
}
