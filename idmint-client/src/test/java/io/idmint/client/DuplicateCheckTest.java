package io.idmint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The client's optional duplicate check on scripted batches: what it counts, drops, reports and forgets. */
class DuplicateCheckTest {
    private final List<Long> reported = new ArrayList<>();

    private DuplicateCheck check(int window, long[]... batches) {
        Queue<long[]> script = new ArrayDeque<>(List.of(batches));
        BatchSource source = new BatchSource() {
            @Override
            public long[] fetch() {
                return script.remove();
            }

            @Override
            public String describe() {
                return "[scripted]";
            }
        };
        return new DuplicateCheck(source, window, reported::add);
    }

    @Test
    void distinctBatchesPassUntouchedAndCountNothing() {
        DuplicateCheck c = check(4, new long[] {1, 2, 3}, new long[] {10, 11}, new long[] {4, 5});
        assertThat(c.fetch()).containsExactly(1, 2, 3);
        assertThat(c.fetch()).containsExactly(10, 11);
        assertThat(c.fetch()).containsExactly(4, 5); // inside the others' ranges, yet new
        assertThat(c.collisions()).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void anIdSeenInAnEarlierBatchIsACollisionAndIsNotHandedOutAgain() {
        // Two servers with one copy-pasted worker ID issue the same IDs: the second server's batch repeats two.
        DuplicateCheck c = check(4, new long[] {100, 101, 102, 103}, new long[] {90, 101, 103, 104});
        c.fetch();
        assertThat(c.fetch()).containsExactly(90, 104);
        assertThat(c.collisions()).isEqualTo(2);
        assertThat(reported).containsExactly(2L);
    }

    @Test
    void repeatsWithinOneBatchCountEveryOccurrenceAfterTheFirst() {
        DuplicateCheck c = check(4, new long[] {7, 7, 7, 8, 9, 9});
        assertThat(c.fetch()).containsExactly(7, 8, 9);
        assertThat(c.collisions()).isEqualTo(3);
        assertThat(reported).containsExactly(3L);
    }

    @Test
    void aBatchOfNothingButRepeatsFailsSoThePoolFetchesAgain() {
        DuplicateCheck c = check(4, new long[] {1, 2}, new long[] {2, 1});
        c.fetch();
        assertThatThrownBy(c::fetch).isInstanceOf(IllegalStateException.class)
                .hasMessage("every ID of a batch from [scripted] had been issued before");
        assertThat(c.collisions()).isEqualTo(2);
    }

    @Test
    void onlyTheLastWindowBatchesAreRemembered() {
        DuplicateCheck c = check(2, new long[] {1}, new long[] {2}, new long[] {3}, new long[] {1}, new long[] {3});
        c.fetch();
        c.fetch();
        c.fetch();
        assertThat(c.fetch()).as("batch {1} left the window of 2").containsExactly(1);
        assertThat(c.collisions()).isZero();
        assertThatThrownBy(c::fetch).as("{3} is still within it").isInstanceOf(IllegalStateException.class);
        assertThat(c.collisions()).isEqualTo(1);
    }

    @Test
    void theBuilderRefusesAWindowOutsideItsBounds() {
        assertThatThrownBy(() -> IdClient.builder().checkDuplicates(0)).hasMessageContaining("1..10000");
        assertThatThrownBy(() -> IdClient.builder().onCollisions(null)).hasMessageContaining("must not be null");
    }
}
