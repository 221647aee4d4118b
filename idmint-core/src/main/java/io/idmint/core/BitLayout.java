package io.idmint.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a 64-bit ID is packed: the fields from high bit to low, their widths, the tick length and the
 * epoch. Immutable and validated eagerly: a layout that exists can issue correct IDs until its
 * {@link #endOfLife()}.
 *
 * <p>End of life is the first instant whose tick no longer fits the timestamp field. Where the widths
 * sum to 64 bits (Discord, Instagram), the highest field loses its top bit: setting it would turn the ID
 * negative in a signed 64-bit column, so that half of its range is never issued and the end of life
 * comes correspondingly earlier.
 */
public final class BitLayout {
    // Declared before the presets: their construction validates names against it.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** The seeds' layout: epoch 2024-01-01T00:00:00Z, 41-bit ms timestamp, 5-bit dc, 5-bit worker, 12-bit sequence. */
    public static final BitLayout DEFAULT = builder().name("default").epochMillis(1_704_067_200_000L)
            .timestampBits(41).datacenterBits(5).workerBits(5).sequenceBits(12).build();

    private static final Map<String, BitLayout> PRESETS = presetMap();

    private final String name;
    private final List<Field> order;
    private final EnumMap<Field, Integer> widths;
    private final EnumMap<Field, Integer> shifts;
    private final int totalBits;
    private final long tickMillis;
    private final long epochMillis;

    private BitLayout(Builder b) {
        this.name = b.name;
        this.order = List.copyOf(b.order);
        this.widths = new EnumMap<>(b.widths);
        this.shifts = new EnumMap<>(Field.class);
        int shift = 0;
        for (int i = order.size() - 1; i >= 0; i--) {
            Field f = order.get(i);
            shifts.put(f, shift);
            shift += widths.get(f);
        }
        this.totalBits = shift;
        this.tickMillis = b.tickMillis;
        this.epochMillis = b.epochMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this layout as a builder, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).tickMillis(tickMillis).epochMillis(epochMillis)
                .order(order.toArray(new Field[0]));
        widths.forEach(b::width);
        return b;
    }

    /**
     * A named preset: {@code default}, {@code twitter}, {@code discord}, {@code instagram},
     * {@code sonyflake}, {@code js-safe} (53 bits), {@code hlc} (the node below the counter).
     *
     * @throws InvalidRequestException naming the unknown value and the known names
     */
    public static BitLayout preset(String name) {
        BitLayout layout = PRESETS.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (layout == null) {
            throw new InvalidRequestException("layout must be one of " + PRESETS.keySet() + ": layout=" + name);
        }
        return layout;
    }

    /** The presets, in the order {@link #preset(String)} lists them. */
    public static List<BitLayout> presets() {
        return List.copyOf(PRESETS.values());
    }

    private static Map<String, BitLayout> presetMap() {
        Map<String, BitLayout> m = new LinkedHashMap<>();
        m.put("default", DEFAULT);
        // Twitter's 2010 Snowflake: epoch 1288834974657 (2010-11-04T01:42:54.657Z).
        m.put("twitter", builder().name("twitter").epochMillis(1_288_834_974_657L)
                .timestampBits(41).datacenterBits(5).workerBits(5).sequenceBits(12).build());
        // Discord: epoch 2015-01-01, 42-bit timestamp, 5-bit internal worker, 5-bit process, 12-bit increment.
        m.put("discord", builder().name("discord").epochMillis(1_420_070_400_000L)
                .timestampBits(42).datacenterBits(5).workerBits(5).sequenceBits(12).build());
        // Instagram: epoch 1314220021721, 41-bit timestamp, 13-bit shard, 10-bit per-shard sequence.
        m.put("instagram", builder().name("instagram").epochMillis(1_314_220_021_721L)
                .timestampBits(41).datacenterBits(0).workerBits(13).sequenceBits(10).build());
        // Sonyflake: epoch 2014-09-01, 10 ms ticks, 39-bit time, 8-bit sequence above a 16-bit machine id.
        m.put("sonyflake", builder().name("sonyflake").epochMillis(1_409_529_600_000L).tickMillis(10)
                .order(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER)
                .timestampBits(39).sequenceBits(8).datacenterBits(0).workerBits(16).build());
        // Below 2^53, so a JSON number keeps it exactly in JavaScript: 10 ms ticks until 2198, 64 workers of
        // 25,600 IDs/s each (plan --max-bits 53 weighs the alternatives).
        m.put("js-safe", builder().name("js-safe").epochMillis(DEFAULT.epochMillis()).tickMillis(10)
                .timestampBits(39).datacenterBits(0).workerBits(6).sequenceBits(8).build());
        // A hybrid logical clock's IDs: the counter above the node, so an ID merged from another node
        // (observe) orders by (time, counter) first, whichever node issued it.
        m.put("hlc", builder().name("hlc").epochMillis(DEFAULT.epochMillis())
                .order(Field.TIMESTAMP, Field.SEQUENCE, Field.DATACENTER, Field.WORKER)
                .timestampBits(41).sequenceBits(12).datacenterBits(5).workerBits(5).build());
        return m;
    }

    public String name() {
        return name;
    }

    /** The fields from the highest bit to the lowest, zero-width fields included. */
    public List<Field> order() {
        return order;
    }

    public int width(Field field) {
        return widths.get(field);
    }

    public int shift(Field field) {
        return shifts.get(field);
    }

    /** Bits used; the remaining high bits of every ID are zero. */
    public int totalBits() {
        return totalBits;
    }

    public long tickMillis() {
        return tickMillis;
    }

    public long epochMillis() {
        return epochMillis;
    }

    public Instant epoch() {
        return Instant.ofEpochMilli(epochMillis);
    }

    /**
     * The largest value the field may hold. For the highest field of a 64-bit layout this is half the
     * field's raw range, so that no ID is negative.
     */
    public long maxValue(Field field) {
        int w = width(field);
        if (w == 0) {
            return 0;
        }
        boolean signBitField = totalBits == 64 && shift(field) + w == 64;
        return (1L << (signBitField ? w - 1 : w)) - 1;
    }

    /** The largest tick (ticks since the epoch) an ID can carry. */
    long maxTick() {
        return maxValue(Field.TIMESTAMP);
    }

    /** The first instant no ID of this layout can carry. */
    public Instant endOfLife() {
        return Instant.ofEpochMilli(endOfLifeMillis());
    }

    public long endOfLifeMillis() {
        long ticks = maxTick() + 1;
        if (ticks > (Long.MAX_VALUE - epochMillis) / tickMillis) {
            return Long.MAX_VALUE;
        }
        return epochMillis + ticks * tickMillis;
    }

    /** The fraction of the layout's lifetime (epoch to end of life) that has passed at {@code nowMillis}. */
    public double lifetimeUsed(long nowMillis) {
        double span = (double) endOfLifeMillis() - epochMillis;
        return Math.max(0, Math.min(1, (nowMillis - epochMillis) / span));
    }

    /** A warning when less than {@code margin} of lifetime is left at {@code nowMillis}; empty otherwise. */
    public Optional<String> lifetimeWarning(long nowMillis, Duration margin) {
        long left = endOfLifeMillis() - nowMillis;
        if (left >= margin.toMillis()) {
            return Optional.empty();
        }
        return Optional.of("layout '" + name + "' reaches its end of life at " + endOfLife() + ", "
                + Duration.ofMillis(Math.max(0, left)).toDays() + " days from now, inside the warning margin of "
                + margin.toDays() + " days: plan a new epoch or wider timestamp");
    }

    /** Worker ids per datacenter times datacenters: how many generators can run at once. */
    public long generators() {
        return (maxValue(Field.DATACENTER) + 1) * (maxValue(Field.WORKER) + 1);
    }

    /** The most IDs one generator can issue per second without running ahead of the clock. */
    public long idsPerSecondPerGenerator() {
        return (maxValue(Field.SEQUENCE) + 1) * 1000 / tickMillis;
    }

    /** The tick that {@code millis} (Unix epoch milliseconds) falls in; negative before the epoch. */
    public long tickOf(long millis) {
        return Math.floorDiv(millis - epochMillis, tickMillis);
    }

    /**
     * The first millisecond of {@code tick}, saturating at {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}):
     * a wide timestamp with coarse ticks reaches past what a {@code long} of milliseconds can hold.
     */
    public long millisOf(long tick) {
        long offset;
        try {
            offset = Math.multiplyExact(tick, tickMillis);
            return Math.addExact(epochMillis, offset);
        } catch (ArithmeticException e) {
            return tick > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /**
     * Packs an ID from its parts.
     *
     * @param timestampMillis Unix epoch milliseconds, at or after the epoch and before the end of life
     * @throws IllegalArgumentException naming the part, its value and its range
     */
    public long compose(long timestampMillis, long datacenter, long worker, long sequence) {
        if (timestampMillis < epochMillis) {
            throw new IllegalArgumentException("timestamp must be at or after the epoch " + epoch()
                    + ": timestamp=" + Instant.ofEpochMilli(timestampMillis));
        }
        Preconditions.checkRange("timestamp tick", tickOf(timestampMillis), 0, maxTick());
        Preconditions.checkRange("datacenter", datacenter, 0, maxValue(Field.DATACENTER));
        Preconditions.checkRange("worker", worker, 0, maxValue(Field.WORKER));
        Preconditions.checkRange("sequence", sequence, 0, maxValue(Field.SEQUENCE));
        return composeUnchecked(tickOf(timestampMillis), datacenter, worker, sequence);
    }

    long composeUnchecked(long tick, long datacenter, long worker, long sequence) {
        return tick << shift(Field.TIMESTAMP) | datacenter << shift(Field.DATACENTER)
                | worker << shift(Field.WORKER) | sequence << shift(Field.SEQUENCE);
    }

    /**
     * Splits an ID of this layout into its parts.
     *
     * @throws InvalidIdException when the ID is negative or sets bits this layout does not use
     */
    public DecodedId decode(long id) {
        if (id < 0 || (totalBits < 64 && id >>> totalBits != 0)) {
            throw new InvalidIdException("id must be 0.." + maxId() + " for layout '" + name + "': id=" + Long.toUnsignedString(id));
        }
        long tick = field(id, Field.TIMESTAMP);
        return new DecodedId(id, Instant.ofEpochMilli(millisOf(tick)), (int) field(id, Field.DATACENTER),
                (int) field(id, Field.WORKER), (int) field(id, Field.SEQUENCE), name);
    }

    private long field(long id, Field f) {
        int w = width(f);
        return w == 0 ? 0 : (id >>> shift(f)) & ((1L << w) - 1);
    }

    /** The largest ID this layout can represent. */
    public long maxId() {
        return totalBits >= 63 ? Long.MAX_VALUE : (1L << totalBits) - 1;
    }

    /**
     * The smallest and largest IDs any generator of this layout issues in {@code [fromInclusive,
     * toExclusive)}, for range queries on an ID column.
     *
     * @throws UnsupportedOperationException when the timestamp is not the highest field, so that IDs
     *     do not sort by time
     */
    public IdRange idRange(Instant fromInclusive, Instant toExclusive) {
        if (shift(Field.TIMESTAMP) + width(Field.TIMESTAMP) != totalBits) {
            throw new UnsupportedOperationException("layout '" + name + "' does not keep the timestamp in its highest bits");
        }
        long firstTick = Math.max(0, Math.floorDiv(fromInclusive.toEpochMilli() - epochMillis + tickMillis - 1, tickMillis));
        long lastTick = Math.min(maxTick(), Math.floorDiv(toExclusive.toEpochMilli() - epochMillis - 1, tickMillis));
        if (lastTick < firstTick) {
            throw new InvalidRequestException("time range holds no tick of layout '" + name + "': from="
                    + fromInclusive + " to=" + toExclusive);
        }
        int tsShift = shift(Field.TIMESTAMP);
        long low = tsShift == 0 ? 0 : (1L << tsShift) - 1;
        return new IdRange(firstTick << tsShift, lastTick << tsShift | low);
    }

    /** The layout drawn as fields, high bit first, e.g. {@code 0 | 41 bits timestamp | 5 dc | 5 worker | 12 seq}. */
    public String binaryView() {
        StringBuilder sb = new StringBuilder();
        int unused = 64 - totalBits;
        if (unused == 1) {
            sb.append("0");
        } else if (unused > 1) {
            sb.append(unused).append(" bits 0");
        }
        for (Field f : order) {
            if (width(f) == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(width(f)).append(f == Field.TIMESTAMP ? " bits timestamp" : " " + f.shortName());
        }
        return sb.toString();
    }

    /** The bits of {@code id} grouped by field, high bit first, in the same shape as {@link #binaryView()}. */
    public String binaryView(long id) {
        String bits = String.format("%64s", Long.toBinaryString(id)).replace(' ', '0');
        StringBuilder sb = new StringBuilder(bits.substring(0, 64 - totalBits));
        for (Field f : order) {
            if (width(f) == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            int hi = 64 - shift(f) - width(f);
            sb.append(bits, hi, hi + width(f));
        }
        return sb.toString();
    }

    /**
     * What makes two layouts compose the same IDs, whatever their names: field order and widths, tick
     * and epoch, as one canonical line, e.g.
     * {@code timestamp:41,datacenter:5,worker:5,sequence:12;tick=1ms;epoch=1704067200000}.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Field f : order) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(f.name().toLowerCase(Locale.ROOT)).append(':').append(widths.get(f));
        }
        return sb.append(";tick=").append(tickMillis).append("ms;epoch=").append(epochMillis).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BitLayout)) {
            return false;
        }
        BitLayout other = (BitLayout) o;
        return name.equals(other.name) && order.equals(other.order) && widths.equals(other.widths)
                && tickMillis == other.tickMillis && epochMillis == other.epochMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, widths, tickMillis, epochMillis);
    }

    @Override
    public String toString() {
        return name + "[" + binaryView() + ", tick " + tickMillis + " ms, epoch " + epoch() + "]";
    }

    /** Builds a {@link BitLayout}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private String name = "custom";
        private List<Field> order = List.of(Field.TIMESTAMP, Field.DATACENTER, Field.WORKER, Field.SEQUENCE);
        private final EnumMap<Field, Integer> widths = new EnumMap<>(Field.class);
        private long tickMillis = 1;
        private long epochMillis = DEFAULT_EPOCH_MILLIS;

        private static final long DEFAULT_EPOCH_MILLIS = 1_704_067_200_000L;

        private Builder() {
            for (Field f : Field.values()) {
                widths.put(f, 0);
            }
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The fields from the highest bit to the lowest; each exactly once. */
        public Builder order(Field... fields) {
            this.order = Arrays.asList(fields.clone());
            return this;
        }

        public Builder width(Field field, int bits) {
            widths.put(field, bits);
            return this;
        }

        public Builder timestampBits(int bits) {
            return width(Field.TIMESTAMP, bits);
        }

        public Builder datacenterBits(int bits) {
            return width(Field.DATACENTER, bits);
        }

        public Builder workerBits(int bits) {
            return width(Field.WORKER, bits);
        }

        public Builder sequenceBits(int bits) {
            return width(Field.SEQUENCE, bits);
        }

        public Builder tickMillis(long tickMillis) {
            this.tickMillis = tickMillis;
            return this;
        }

        public Builder epochMillis(long epochMillis) {
            this.epochMillis = epochMillis;
            return this;
        }

        public Builder epoch(Instant epoch) {
            return epochMillis(epoch.toEpochMilli());
        }

        /** Every problem with this layout at {@code nowMillis}, each naming the value and the limit. */
        public List<String> problems(long nowMillis) {
            List<String> problems = new ArrayList<>();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add("name must match " + NAME.pattern() + ": name=" + name);
            }
            if (order.size() != Field.values().length || !order.containsAll(List.of(Field.values()))) {
                problems.add("order must list each of " + List.of(Field.values()) + " once: order=" + order);
            }
            if (order.indexOf(Field.TIMESTAMP) > order.indexOf(Field.SEQUENCE)) {
                problems.add("order must place timestamp above sequence, or IDs would not increase: order=" + order);
            }
            // 62 at most: the tick after the last must still be a long (end-of-life arithmetic).
            checkWidth(problems, Field.TIMESTAMP, 1, 62);
            checkWidth(problems, Field.DATACENTER, 0, 31);
            checkWidth(problems, Field.WORKER, 0, 31);
            checkWidth(problems, Field.SEQUENCE, 0, 30);
            int total = widths.values().stream().mapToInt(Integer::intValue).sum();
            if (total > 64) {
                problems.add("field widths must sum to at most 64 bits: sum=" + total + " " + widths);
            }
            if (tickMillis < 1 || tickMillis > 1000) {
                problems.add("tickMillis must be 1..1000: tickMillis=" + tickMillis);
            }
            if (epochMillis < 0 || epochMillis > nowMillis) {
                problems.add("epoch must be between 1970-01-01T00:00:00Z and now (" + Instant.ofEpochMilli(nowMillis)
                        + "): epoch=" + Instant.ofEpochMilli(epochMillis));
            }
            if (problems.isEmpty()) {
                BitLayout candidate = new BitLayout(this);
                if (candidate.endOfLifeMillis() <= nowMillis) {
                    problems.add("layout '" + name + "' ended its life at " + candidate.endOfLife()
                            + ": its " + width(Field.TIMESTAMP) + "-bit timestamp from epoch " + candidate.epoch()
                            + " cannot hold now (" + Instant.ofEpochMilli(nowMillis) + ")");
                }
            }
            return problems;
        }

        private int width(Field f) {
            return widths.get(f);
        }

        private void checkWidth(List<String> problems, Field f, int min, int max) {
            int w = width(f);
            if (w < min || w > max) {
                String key = f.name().toLowerCase(Locale.ROOT) + "Bits";
                problems.add(key + " must be " + min + ".." + max + ": " + key + "=" + w);
            }
        }

        /**
         * @throws InvalidLayoutException listing every problem, each naming the value and the limit
         */
        public BitLayout build() {
            return build(System.currentTimeMillis());
        }

        BitLayout build(long nowMillis) {
            List<String> problems = problems(nowMillis);
            if (!problems.isEmpty()) {
                throw new InvalidLayoutException(String.join("; ", problems));
            }
            return new BitLayout(this);
        }
    }
}
