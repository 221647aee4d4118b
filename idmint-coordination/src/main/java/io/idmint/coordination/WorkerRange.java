package io.idmint.coordination;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;

/**
 * An inclusive range of worker IDs, e.g. {@code 16..31}.
 *
 * @param first the lowest worker ID of the range
 * @param last the highest worker ID of the range
 */
public record WorkerRange(int first, int last) {
    public WorkerRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("worker range must be first..last with 0 <= first <= last: " + first + ".." + last);
        }
    }

    public static WorkerRange single(int worker) {
        return new WorkerRange(worker, worker);
    }

    /** Parses {@code "16..31"} or a single {@code "7"}. */
    public static WorkerRange parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            return dots < 0 ? single(Integer.parseInt(t))
                    : new WorkerRange(Integer.parseInt(t.substring(0, dots).trim()), Integer.parseInt(t.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("worker range must look like 16..31: '" + text + "'", e);
        }
    }

    /** @throws IllegalArgumentException when the range reaches past the layout's largest worker ID, naming both */
    public WorkerRange checkFits(BitLayout layout) {
        long max = layout.maxValue(Field.WORKER);
        if (last > max) {
            throw new IllegalArgumentException("worker range " + this + " does not fit layout '" + layout.name() + "': worker must be 0.."
                    + max + ": last=" + last);
        }
        return this;
    }

    public boolean contains(int worker) {
        return worker >= first && worker <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
