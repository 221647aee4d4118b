package io.idmint.coordination;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import java.util.Set;

/** Operator commands on what a cluster recorded in its coordinator; the command line's {@code set-layout}. */
public final class ClusterAdmin {
    private ClusterAdmin() {}

    /**
     * Records {@code settings}' layout as the one its cluster, generator and region compose IDs with,
     * replacing whatever was recorded. Refused while any process holds a worker lease there: changing the
     * layout under a running fleet is exactly the mix this record exists to prevent.
     *
     * @param coordinator {@code zookeeper} or {@code etcd}
     * @return what was recorded before (this layout when nothing was), as {@code fingerprint name}
     * @throws ClusterMisconfiguredException while leases are held, naming the worker IDs
     */
    public static String setLayout(String coordinator, String address, LeaseSettings settings) {
        BitLayout layout = settings.layout;
        if (layout == null) {
            throw new IllegalArgumentException("settings must name the layout to record");
        }
        try (Coordinator c = coordinator.equals("zookeeper") ? ZooKeeperCoordinator.connect(address, settings)
                : EtcdCoordinator.connect(address, settings)) {
            Set<Integer> held = c.owned(new WorkerRange(0, (int) Math.min(Integer.MAX_VALUE - 1L, layout.maxValue(Field.WORKER))));
            if (!held.isEmpty()) {
                throw new ClusterMisconfiguredException("not changing the layout of cluster " + settings.cluster + ", generator "
                        + settings.generator + ", region " + settings.region + ": worker IDs " + held + " are held by live"
                        + " processes (" + c.describe() + "). Stop them first: a fleet that mixes layouts composes colliding IDs");
            }
            String key = ClusterBindings.layoutKey(settings);
            String before = c.createAllIfAbsent(java.util.Map.of(key, ClusterBindings.recorded(layout))).get(key);
            c.overwrite(key, ClusterBindings.recorded(layout));
            return before;
        }
    }
}
