package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Wide128GeneratorTest {
    private static final long T = 1_704_067_200_000L;

    @Test
    void composesNanosecondsNodeAndSequence() {
        ManualTimeSource clock = new ManualTimeSource(T);
        Wide128Generator g = Wide128Generator.builder().node(0xABCDEF).timeSource(clock).build();
        Id128 first = g.next();
        Id128 second = g.next();
        assertThat(first.high()).isEqualTo(T * 1_000_000L);
        assertThat(first.low()).isEqualTo(0xABCDEFL << 16);
        assertThat(second.high()).isEqualTo(first.high());
        assertThat(second.low()).isEqualTo(0xABCDEFL << 16 | 1);
        assertThat(IdCodec.wide128().describe(new long[] {second.high(), second.low()}))
                .containsEntry("timestamp", "2024-01-01T00:00:00.000Z").containsEntry("node", 0xABCDEFL)
                .containsEntry("sequence", 1).containsEntry("timestamp_ns", Long.toString(T * 1_000_000L));
    }

    @Test
    void aStandingOrSteppedBackClockCarriesIntoTheNanosecondsWithinTheLead() {
        ManualTimeSource clock = new ManualTimeSource(T);
        Wide128Generator g = Wide128Generator.builder().node(1).timeSource(clock).maxLead(Duration.ofMillis(5)).build();
        List<Id128> ids = new ArrayList<>();
        long[] batch = new long[2 * 100_000];
        g.next(batch, 0, 100_000); // more than 65,536: carries into the next nanosecond
        for (int i = 0; i < 100_000; i++) {
            ids.add(Id128.from(batch, i));
        }
        clock.advance(-3);
        ids.add(g.next());
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
        }
        assertThat(ids.get(ids.size() - 1).high()).isEqualTo(T * 1_000_000L + 1);
        clock.advance(-10);
        assertThatThrownBy(g::next).isInstanceOf(ClockMovedBackwardsException.class)
                .hasMessageContaining("ms lead it may run ahead");
        assertThat(g.readiness().ready()).isFalse();
    }

    @Test
    void uniqueAndIncreasingPerThreadUnderContention() throws Exception {
        Wide128Generator g = Wide128Generator.builder().node(9).build();
        int threads = 4;
        int perThread = 200_000;
        List<List<Id128>> seen = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Id128> mine = new ArrayList<>(perThread);
            seen.add(mine);
            Thread th = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    mine.add(g.next());
                }
            });
            running.add(th);
            th.start();
        }
        for (Thread th : running) {
            th.join();
        }
        Set<Id128> all = new HashSet<>();
        for (List<Id128> mine : seen) {
            for (int i = 1; i < mine.size(); i++) {
                assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
            }
            all.addAll(mine);
        }
        assertThat(all).hasSize(threads * perThread);
    }

    @Test
    void aRestartNeverIssuesBelowWhatTheLastRunReserved() {
        AtomicReference<HighWaterMark> mark = new AtomicReference<>();
        ManualTimeSource clock = new ManualTimeSource(T);
        Wide128Generator first = Wide128Generator.builder().node(5).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(mark)).build();
        Id128 last = first.next();
        clock.advance(-200); // a crash, then the clock steps back
        clock.autoAdvanceMillisPerRead(1);
        Wide128Generator second = Wide128Generator.builder().node(5).timeSource(clock)
                .highWaterMark(new MemoryHighWaterMarkStore(mark)).build();
        assertThat(second.next()).isGreaterThan(last);
    }

    @Test
    void aClosedGeneratorRefusesAndANodeIsRequired() {
        Wide128Generator g = Wide128Generator.builder().node(1).build();
        g.close();
        assertThatThrownBy(g::next).isInstanceOf(GeneratorClosedException.class);
        assertThatThrownBy(() -> Wide128Generator.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("a 128-bit generator needs a node: 0..281474976710655");
        assertThatThrownBy(() -> Wide128Generator.builder().node(1L << 48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node must be 0..281474976710655: node=281474976710656");
    }
}
