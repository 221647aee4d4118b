package io.idmint.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Claims within one segment: in order, stride apart, never past the end, the rest claimable once. */
class SegmentTest {

    @Test
    void claimsInOrderStrideApart() {
        Segment s = Segment.below(31, 5, 3, 0, 0.4); // 16, 19, 22, 25, 28
        long[] ids = new long[5];
        assertThat(s.fill(ids, 0, 2)).isEqualTo(2);
        assertThat(s.needsRefill()).isTrue(); // 2 of 5 >= ceil(0.4 * 5)
        assertThat(s.fillExactly(ids, 2, 4)).isFalse();
        assertThat(s.fill(ids, 2, 10)).isEqualTo(3);
        assertThat(ids).containsExactly(16, 19, 22, 25, 28);
        assertThat(s.fill(ids, 0, 1)).isZero();
        assertThat(s.last()).isEqualTo(28);
    }

    @Test
    void theRestIsClaimedOnce() {
        Segment s = Segment.below(11, 10, 1, 0, 0.25);
        long[] ids = new long[10];
        s.fill(ids, 0, 3);
        assertThat(s.claimRest()).isEqualTo(3);
        assertThat(s.claimRest()).isEqualTo(10);
        assertThat(s.remaining()).isZero();
        assertThat(Segment.NONE.remaining()).isZero();
    }

    @Test
    void alignUpFindsTheStoresNextValue() {
        assertThat(Checks.alignUp(0, 1, 0)).isZero();
        assertThat(Checks.alignUp(1, 2, 0)).isEqualTo(2);
        assertThat(Checks.alignUp(2, 2, 1)).isEqualTo(3);
        assertThat(Checks.alignUp(7, 3, 1)).isEqualTo(7);
        assertThat(Checks.alignUp(-5, 4, 3)).isEqualTo(3);
    }
}
