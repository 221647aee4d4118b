package io.idmint.postgres;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link BackfillCrashTest} kills with SIGKILL: it runs a backfill that, in batch {@code KILL_AT}, after
 * writing the batch's IDs, mapping rows and cursor but before COMMIT, says {@code MID-BATCH} and blocks.
 * Arguments: JDBC URL, batch size, batch to stop in.
 */
public final class BackfillChild {
    private BackfillChild() {}

    public static void main(String[] args) {
        Database db = Database.of(args[0], "postgres", null);
        int batchSize = Integer.parseInt(args[1]);
        long stopIn = Long.parseLong(args[2]);
        PrintStream out = System.out;
        Backfill.hook = batch -> {
            if (batch == stopIn) {
                out.println("MID-BATCH " + batch);
                out.flush();
                new CountDownLatch(1).await(); // until kill -9
            }
        };
        Migration.of(db, BackfillCrashTest.spec(batchSize)).backfill(p -> {
            out.println("COMMITTED " + p.done());
            out.flush();
        });
    }

}
