package io.idmint.faults;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop client bound to one member: one request at a time, paced to a target rate, recording every
 * request and every ID. A failed request is recorded and the loop goes on: clients keep asking through
 * every fault, which is what availability is measured from.
 */
abstract class Client implements Runnable {
    static final long TIMEOUT_MILLIS = 1000;

    final String name;
    final int member;
    final Recording recording;
    private final long intervalNanos;
    private volatile boolean running = true;

    Client(String name, int member, double requestsPerSecond) {
        this.name = name;
        this.member = member;
        this.recording = new Recording(name);
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
    }

    /** One request; records its IDs with {@link Recording#ids} and throws when it was not answered. */
    abstract void request(long startNanos) throws Exception;

    /** After a failure: e.g. let gRPC reconnect at once instead of after its backoff. */
    void failedOnce() {}

    @Override
    public final void run() {
        long due = System.nanoTime();
        while (running) {
            long start = System.nanoTime();
            try {
                request(start);
                recording.answered(member, start, System.nanoTime());
            } catch (InterruptedException e) {
                return;
            } catch (Refused e) {
                recording.refused(member, start, System.nanoTime(), describe(e));
                failedOnce();
            } catch (Exception e) {
                recording.failed(member, start, System.nanoTime(), describe(e));
                failedOnce();
            }
            due += intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // rate pacing
            } else {
                due = System.nanoTime();
            }
        }
    }

    void stop() {
        running = false;
    }

    /** The server refused the request with "retry later": it runs, but cannot issue now. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }
}
