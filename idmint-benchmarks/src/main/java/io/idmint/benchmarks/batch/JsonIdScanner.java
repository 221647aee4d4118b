package io.idmint.benchmarks.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code format=number} batch body, {@code {"ids":[1,2,...],"count":N,"max_sequence":M}}, as it
 * streams in, without building a string or a JSON tree: every number of the {@code ids} array is parsed
 * (eight digits at a time where it can), checked to be greater than the one before and offered to the tally's sample; the short
 * tail after the array is kept to read {@code count} from. The result goes to the tally when the body
 * is complete. One scanner per response.
 */
final class JsonIdScanner implements HttpResponse.BodySubscriber<Void> {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final int TAIL_LIMIT = 512;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Tally tally;
    private final int expected;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final StringBuilder tail = new StringBuilder(64);
    private byte[] scratch;
    /** 0 before the array, 1 inside it, 2 after it. */
    private int phase;
    private boolean inNumber;
    private long current;
    private long n;
    private long first;
    private long prev;
    private boolean increasing = true;
    private String problem;

    /** {@code scratch}: the worker's reusable copy buffer, one response at a time; a larger one is made when needed. */
    JsonIdScanner(Tally tally, int expected, byte[] scratch) {
        this.tally = tally;
        this.expected = expected;
        this.scratch = scratch;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasArray()) {
                scan(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
            } else { // the JDK client hands out read-only views: one bulk copy into the reused scratch array
                int n = b.remaining();
                if (scratch.length < n) {
                    scratch = new byte[Math.max(n, scratch.length * 2)];
                }
                b.duplicate().get(scratch, 0, n);
                scan(scratch, 0, n);
            }
        }
    }

    private void scan(byte[] a, int from, int to) {
        int i = from;
        if (phase == 0) {
            while (i < to && a[i] != '[') {
                i++;
            }
            if (i == to) {
                return;
            }
            phase = 1;
            i++;
        }
        if (phase == 1) {
            long cur = current;
            boolean num = inNumber;
            boolean wide = true; // whether eight more digits may follow: until one such try fails within a number
            while (i < to) {
                if (wide && to - i >= 8) { // eight digits at once (SWAR): a digit-by-digit multiply chain is slow
                    long v = (long) LONG_LE.get(a, i);
                    if (eightDigits(v)) {
                        cur = cur * 100_000_000L + parseEightDigits(v);
                        num = true;
                        i += 8;
                        continue;
                    }
                    wide = false;
                }
                int c = a[i++];
                int d = c - '0';
                if (d >= 0 && d <= 9) {
                    cur = cur * 10 + d;
                    num = true;
                } else if (c == ',' || c == ']') {
                    if (num) {
                        emit(cur);
                    } else if (problem == null) {
                        problem = "empty element in the ids array";
                    }
                    cur = 0;
                    num = false;
                    wide = true;
                    if (c == ']') {
                        phase = 2;
                        break;
                    }
                } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && problem == null) {
                    problem = "unexpected '" + (char) c + "' in the ids array (format=number expected)";
                }
            }
            current = cur;
            inNumber = num;
        }
        if (phase == 2 && i < to && tail.length() < TAIL_LIMIT) {
            tail.append(new String(a, i, Math.min(to - i, TAIL_LIMIT - tail.length()), StandardCharsets.US_ASCII));
        }
    }

    /** Whether all eight bytes of {@code v} (little-endian) are ASCII digits; simdjson's test. */
    static boolean eightDigits(long v) {
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits read little-endian (first digit in the low byte); simdjson's parse. */
    static long parseEightDigits(long v) {
        v = ((v & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    private void emit(long id) {
        if (n == 0) {
            first = id;
        } else if (id <= prev) {
            increasing = false;
        }
        prev = id;
        n++;
        if (Tally.sampled(id)) {
            tally.addSample(id);
        }
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        String p = problem;
        if (p == null && phase != 2) {
            p = "the body ended inside or before the ids array";
        }
        if (p == null) {
            Matcher m = COUNT.matcher(tail);
            if (!m.find()) {
                p = "no \"count\" after the ids array";
            } else if (Long.parseLong(m.group(1)) != n) {
                p = "\"count\":" + m.group(1) + " but " + n + " IDs in the array";
            }
        }
        tally.batch(first, n, expected, increasing, p);
        done.complete(null);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }
}
