package io.idmint.coordination;

import io.idmint.core.BitLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cluster records once, at its first process, so that a misconfigured later one is refused at
 * start instead of composing colliding IDs: per generator, each region's layout (its canonical
 * fingerprint), and the binding between region names and datacenter numbers in both directions.
 */
final class ClusterBindings {
    private ClusterBindings() {}

    /** @throws ClusterMisconfiguredException naming both sides and the key, when this process disagrees */
    static void check(Coordinator c, LeaseSettings s) {
        if (s.layout != null) {
            checkLayout(c, s);
        }
        checkRegion(c, s);
    }

    static String layoutKey(LeaseSettings s) {
        return s.bindingsPath() + "/layouts/" + s.region;
    }

    /** How a layout is recorded: the fingerprint, which is all that is compared, and the name, for messages. */
    static String recorded(BitLayout layout) {
        return layout.fingerprint() + " " + layout.name();
    }

    private static void checkLayout(Coordinator c, LeaseSettings s) {
        String key = layoutKey(s);
        String ours = recorded(s.layout);
        String stored = c.createAllIfAbsent(Map.of(key, ours)).get(key);
        if (stored != null && !fingerprintOf(stored).equals(s.layout.fingerprint())) {
            throw new ClusterMisconfiguredException("this process's layout '" + s.layout.name() + "' (" + s.layout.fingerprint()
                    + ") differs from the layout '" + nameOf(stored) + "' (" + fingerprintOf(stored) + ") that cluster "
                    + s.cluster + " recorded for generator " + s.generator + " in region " + s.region + " at " + where(c, key)
                    + ": two layouts in one fleet compose colliding IDs. Configure the recorded layout, or change the"
                    + " cluster's with 'idmint set-layout' while no process holds a lease");
        }
    }

    private static void checkRegion(Coordinator c, LeaseSettings s) {
        String regionKey = s.bindingsPath() + "/regions/" + s.region;
        String datacenterKey = s.bindingsPath() + "/datacenters/" + s.datacenter;
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put(regionKey, Integer.toString(s.datacenter));
        ours.put(datacenterKey, s.region);
        Map<String, String> stored = c.createAllIfAbsent(ours);
        String boundDatacenter = stored.get(regionKey);
        String boundRegion = stored.get(datacenterKey);
        if (boundDatacenter != null && !boundDatacenter.equals(ours.get(regionKey))) {
            throw new ClusterMisconfiguredException("region " + s.region + " is bound to datacenter " + boundDatacenter
                    + " in cluster " + s.cluster + " (" + where(c, regionKey) + "), but this process is configured with datacenter "
                    + s.datacenter + ": two numbers for one region would lease the same worker IDs twice. Configure datacenter "
                    + boundDatacenter + " for region " + s.region);
        }
        if (boundRegion != null && !boundRegion.equals(s.region)) {
            throw new ClusterMisconfiguredException("datacenter " + s.datacenter + " is bound to region " + boundRegion
                    + " in cluster " + s.cluster + " (" + where(c, datacenterKey) + "), but this process is region " + s.region
                    + ": two regions with one datacenter number lease the same (datacenter, worker) pairs under different keys."
                    + " Give region " + s.region + " a datacenter number of its own");
        }
        if (boundDatacenter == null || boundRegion == null) {
            // One side was recorded before (an interrupted start): record the other, consistent, side now.
            Map<String, String> missing = new LinkedHashMap<>(ours);
            missing.keySet().removeIf(k -> stored.get(k) != null);
            c.createAllIfAbsent(missing);
            checkRegion(c, s);
        }
    }

    private static String fingerprintOf(String stored) {
        int space = stored.indexOf(' ');
        return space < 0 ? stored : stored.substring(0, space);
    }

    private static String nameOf(String stored) {
        int space = stored.indexOf(' ');
        return space < 0 ? "?" : stored.substring(space + 1);
    }

    private static String where(Coordinator c, String key) {
        return c.describe().split(" ")[0] + " key " + key;
    }
}
