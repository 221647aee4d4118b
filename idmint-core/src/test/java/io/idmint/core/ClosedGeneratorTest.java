package io.idmint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for a closed generator, whatever it was built with: every call fails as permanent with
 * {@link GeneratorClosedException}, closing again is harmless, and the stats stay readable.
 */
class ClosedGeneratorTest {
    static final long T = SnowflakeGeneratorTest.T;

    static Stream<Supplier<IdGenerator>> kinds() {
        return Stream.of(
                () -> IdGenerator.builder(BitLayout.DEFAULT).timeSource(new ManualTimeSource(T)).build(),
                () -> IdGenerator.builder(BitLayout.DEFAULT).timeSource(new ManualTimeSource(T))
                        .highWaterMark(new MemoryHighWaterMarkStore(new AtomicReference<>())).build(),
                () -> IdGenerator.builder(BitLayout.DEFAULT).timeSource(new ManualTimeSource(T))
                        .lease(new LeasedGeneratorTest.TestLease(T + 10_000)).build());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyCallAfterCloseFailsAsPermanent(Supplier<IdGenerator> kind) {
        IdGenerator gen = kind.get();
        gen.nextIds(3);
        gen.close();
        gen.close();
        for (Runnable call : new Runnable[] {gen::nextId, () -> gen.nextIds(2), () -> gen.nextIds(new long[2], 0, 2),
                () -> gen.tryNextIds(new long[2], 0, 2)}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(GeneratorClosedException.class, e -> {
                assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                assertThat(e.retryAfter()).isEmpty();
                assertThat(e.getMessage()).contains("is closed");
            });
        }
        assertThat(gen.stats().generated()).isEqualTo(3);
    }
}
