package io.idmint.segment;

import static org.awaitility.Awaitility.await;

import io.idmint.core.issuing.BatchSize;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link CrashTest} kills: issues IDs from PostgreSQL, prints them, waits until the next segment
 * is buffered too, says {@code READY} and blocks until killed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws InterruptedException {
        String jdbcUrl = args[0];
        int count = Integer.parseInt(args[1]);
        int step = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        SegmentStore store = SegmentStore.postgres(jdbcUrl).user("postgres").build();
        SegmentGenerator g = SegmentGenerator.builder("crash").store(store).initialStep(step).minStep(step).maxStep(step).build();
        long[] one = new long[1];
        for (int i = 0; i < count; i++) {
            g.issue(one, 0, BatchSize.ONE);
            out.println(one[0]);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> g.details().get("next") != null);
        out.println("READY");
        out.flush();
        new CountDownLatch(1).await(); // until kill -9
    }
}
