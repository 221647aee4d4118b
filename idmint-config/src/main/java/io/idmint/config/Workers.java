package io.idmint.config;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How this process gets its worker ID: the {@code workers:} section of the file, or IDMINT_* variables.
 *
 * @param allocation static, zookeeper, etcd or hybrid
 * @param zookeeper ZooKeeper connect string, e.g. {@code 127.0.0.1:2181}, or null
 * @param etcd etcd endpoints, e.g. {@code http://127.0.0.1:2379}, or null
 * @param cluster the fleet's name in the coordinator
 * @param region the region's name in the coordinator (its number in IDs is {@code generator.datacenter})
 * @param rangeFirst first worker ID leased dynamically
 * @param rangeLast last worker ID leased dynamically, or -1 for the layout's largest
 * @param staticFirst hybrid: first worker ID reserved for static assignment
 * @param staticLast hybrid: last worker ID reserved for static assignment, or -1 for none
 * @param leaseTtlMillis how long a silent holder keeps its ID
 * @param recycleDelayMillis how long a freed ID rests before it is claimed again
 * @param safetyMarginMillis subtracted from every lease deadline
 * @param perProcess worker IDs (leases) per process
 */
public record Workers(AllocationKind allocation, String zookeeper, String etcd, String cluster, String region,
                      int rangeFirst, int rangeLast, int staticFirst, int staticLast, long leaseTtlMillis,
                      long recycleDelayMillis, long safetyMarginMillis, int perProcess) {
    /** The embedded default: the worker ID from the file, env or flag; no coordinator. */
    public static final Workers STATIC = new Workers(AllocationKind.STATIC, null, null, "default", "default",
            0, -1, 0, -1, 10_000, 10_000, 2_000, 1);

    public Workers {
        Objects.requireNonNull(allocation, "allocation");
    }

    public Workers withAllocation(AllocationKind kind) {
        return new Workers(kind, zookeeper, etcd, cluster, region, rangeFirst, rangeLast, staticFirst, staticLast,
                leaseTtlMillis, recycleDelayMillis, safetyMarginMillis, perProcess);
    }

    public Workers withCoordinator(String zookeeperAddress, String etcdEndpoints) {
        return new Workers(allocation, zookeeperAddress, etcdEndpoints, cluster, region, rangeFirst, rangeLast, staticFirst,
                staticLast, leaseTtlMillis, recycleDelayMillis, safetyMarginMillis, perProcess);
    }

    public Workers withRange(int first, int last) {
        return new Workers(allocation, zookeeper, etcd, cluster, region, first, last, staticFirst, staticLast,
                leaseTtlMillis, recycleDelayMillis, safetyMarginMillis, perProcess);
    }

    /**
     * @throws io.idmint.core.InvalidRequestException when {@code text} is not {@code first..last} or a single ID, naming it
     */
    public Workers withRange(String text) {
        OptionalInt[] r = parseRange(text);
        if (r[0].isEmpty()) {
            throw new io.idmint.core.InvalidRequestException("worker range must look like first..last (e.g. 16..31): range=" + text);
        }
        return withRange(r[0].getAsInt(), r[1].getAsInt());
    }

    public Workers withNames(String clusterName, String regionName) {
        return new Workers(allocation, zookeeper, etcd, clusterName, regionName, rangeFirst, rangeLast, staticFirst, staticLast,
                leaseTtlMillis, recycleDelayMillis, safetyMarginMillis, perProcess);
    }

    public Workers withPerProcess(int count) {
        return new Workers(allocation, zookeeper, etcd, cluster, region, rangeFirst, rangeLast, staticFirst, staticLast,
                leaseTtlMillis, recycleDelayMillis, safetyMarginMillis, count);
    }

    public boolean leased() {
        return allocation != AllocationKind.STATIC;
    }

    /** The dynamic range's last ID, resolved against the layout. */
    public int rangeLast(BitLayout layout) {
        return rangeLast >= 0 ? rangeLast : (int) layout.maxValue(Field.WORKER);
    }

    /** {@code zookeeper} or {@code etcd}: the one coordinator a leased or hybrid allocation talks to. */
    public String coordinator() {
        return switch (allocation) {
            case ZOOKEEPER -> "zookeeper";
            case ETCD -> "etcd";
            default -> zookeeper != null ? "zookeeper" : "etcd";
        };
    }

    /** Parses {@code "16..31"}; empty when the text is not a range. */
    static OptionalInt[] parseRange(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                int v = Integer.parseInt(t);
                return new OptionalInt[] {OptionalInt.of(v), OptionalInt.of(v)};
            }
            return new OptionalInt[] {OptionalInt.of(Integer.parseInt(t.substring(0, dots).trim())),
                    OptionalInt.of(Integer.parseInt(t.substring(dots + 2).trim()))};
        } catch (NumberFormatException e) {
            return new OptionalInt[] {OptionalInt.empty(), OptionalInt.empty()};
        }
    }

    /**
     * Adds the problems of these settings; {@code prefix} names the generator in messages. With a null
     * {@code layout} (its section did not read) only the checks that need none run.
     */
    void check(List<String> problems, String prefix, BitLayout layout, long givenWorker) {
        String kind = allocation.name().toLowerCase(Locale.ROOT);
        if (allocation == AllocationKind.STATIC) {
            return;
        }
        String w = prefix + "workers.";
        long max = layout == null ? 0 : layout.maxValue(Field.WORKER);
        int last = layout == null ? 0 : rangeLast(layout);
        if (layout != null && (rangeFirst < 0 || last > max || rangeFirst > last)) {
            problems.add(w + "range must lie within 0.." + max + " for layout '" + layout.name() + "': " + w + "range="
                    + rangeFirst + ".." + last + " (example: range: 16..31)");
        }
        boolean needsZk = allocation == AllocationKind.ZOOKEEPER;
        boolean needsEtcd = allocation == AllocationKind.ETCD;
        if (needsZk && zookeeper == null || needsEtcd && etcd == null
                || allocation == AllocationKind.HYBRID && (zookeeper == null) == (etcd == null)) {
            problems.add(w + "allocation=" + kind + " needs " + (needsZk ? w + "zookeeper" : needsEtcd ? w + "etcd"
                    : "exactly one of " + w + "zookeeper and " + w + "etcd") + ": zookeeper=" + zookeeper + " etcd=" + etcd
                    + " (example: " + (needsEtcd ? "etcd: http://127.0.0.1:2379" : "zookeeper: 127.0.0.1:2181") + ")");
        }
        if (perProcess < 1 || perProcess > 1024) {
            problems.add(w + "perProcess must be 1..1024: " + w + "perProcess=" + perProcess + " (example: perProcess: 2)");
        }
        if (allocation == AllocationKind.HYBRID && layout != null) {
            checkHybrid(problems, w, max, last, givenWorker);
        }
    }

    private void checkHybrid(List<String> problems, String w, long max, int last, long givenWorker) {
        if (staticLast < 0 || staticFirst > staticLast || staticLast > max) {
            problems.add(w + "staticRange must lie within 0.." + max + " for hybrid allocation: " + w + "staticRange="
                    + staticFirst + ".." + staticLast + " (example: staticRange: 0..15)");
        } else if (staticFirst <= last && rangeFirst <= staticLast) {
            problems.add(w + "staticRange and " + w + "range must not overlap: staticRange=" + staticFirst + ".." + staticLast
                    + " range=" + rangeFirst + ".." + last + " (example: staticRange: 0..15, range: 16..31)");
        }
        if (givenWorker >= 0 && (givenWorker < staticFirst || givenWorker > staticLast)) {
            problems.add("a static worker ID under hybrid allocation must lie in " + w + "staticRange " + staticFirst + ".."
                    + staticLast + ": worker=" + givenWorker + " (leave it unset to lease one from " + rangeFirst + ".." + last + ")");
        }
    }
}
