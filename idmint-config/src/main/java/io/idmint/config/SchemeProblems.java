package io.idmint.config;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import java.util.List;
import java.util.regex.Pattern;

/** The checks of one generator's scheme against its other sections; each problem names key, value and limit. */
final class SchemeProblems {
    /** What a segment's business key may look like: it is a row key in PostgreSQL and part of a Redis key. */
    static final Pattern BIZ_TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private SchemeProblems() {}

    static void add(List<String> problems, String prefix, GeneratorConfig g, boolean layoutRead) {
        SchemeSettings scheme = g.scheme();
        if (scheme instanceof SchemeSettings.Hlc && layoutRead) {
            hlcLayout(problems, prefix, g.generator().layout());
        } else if (scheme instanceof SchemeSettings.Uuid7 || scheme instanceof SchemeSettings.Wide128) {
            node(problems, prefix, g, scheme instanceof SchemeSettings.Uuid7 ? 0xFFFF_FFFFL : (1L << 48) - 1);
        } else if (scheme instanceof SchemeSettings.Segment s) {
            segment(problems, prefix + "segment.", s);
        }
    }

    private static void hlcLayout(List<String> problems, String prefix, BitLayout layout) {
        List<Field> order = layout.order();
        int sequence = order.indexOf(Field.SEQUENCE);
        if (sequence > order.indexOf(Field.DATACENTER) || sequence > order.indexOf(Field.WORKER)) {
            problems.add(prefix + "layout.order must put the sequence above datacenter and worker for scheme hlc, so"
                    + " merged IDs order by time and counter whichever node issued them: " + prefix + "layout.order="
                    + order + " (example: layout: {preset: hlc})");
        }
    }

    private static void node(List<String> problems, String prefix, GeneratorConfig g, long max) {
        String name = g.scheme().name();
        boolean explicit = g.scheme() instanceof SchemeSettings.Uuid7 u ? u.node() >= 0
                : ((SchemeSettings.Wide128) g.scheme()).node() >= 0;
        if (explicit) {
            return;
        }
        if (g.workers().leased()) {
            problems.add(prefix + name + ".node must be set: the workers are leased (" + prefix + "workers.allocation="
                    + g.workers().allocation().name().toLowerCase(java.util.Locale.ROOT) + "), and a " + name
                    + " node is not (example: " + name + ": {node: 7})");
        } else if (g.generator().datacenter() > 0xFFFF || g.generator().worker() > 0xFFFF || g.node() > max) {
            problems.add(prefix + name + ".node defaults to datacenter << 16 | worker, which needs both 0..65535: datacenter="
                    + g.generator().datacenter() + " worker=" + g.generator().worker() + " (example: " + name + ": {node: 7})");
        }
    }

    private static void segment(List<String> problems, String p, SchemeSettings.Segment s) {
        if (s.urls().isEmpty()) {
            problems.add(p + "urls must name at least one " + (s.store().equals("redis") ? "Redis URI" : "JDBC URL")
                    + ": none given (example: " + (s.store().equals("redis") ? "url: redis://127.0.0.1:6379"
                    : "url: jdbc:postgresql://127.0.0.1:5432/idmint") + ")");
        }
        String prefix = s.store().equals("redis") ? "redis://" : "jdbc:postgresql:";
        for (String url : s.urls()) {
            if (!url.startsWith(prefix) && !(s.store().equals("redis") && url.startsWith("rediss://"))) {
                problems.add(p + "urls: a " + s.store() + " store's URL starts with " + prefix + ": url=" + url
                        + " (example: url: " + prefix + (s.store().equals("redis") ? "127.0.0.1:6379" : "//127.0.0.1:5432/idmint") + ")");
            }
        }
        if (s.bizTag() == null) {
            problems.add(p + "bizTag must be set: the business key this generator counts for (example: bizTag: orders)");
        } else if (!BIZ_TAG.matcher(s.bizTag()).matches()) {
            problems.add(p + "bizTag must match " + BIZ_TAG.pattern() + ": " + p + "bizTag=" + s.bizTag() + " (example: bizTag: orders)");
        }
        if (s.minStep() > s.maxStep() || s.step() > 0 && (s.minStep() > s.step() || s.step() > s.maxStep())) {
            problems.add(p + "step must lie within minStep..maxStep: minStep=" + s.minStep() + " step=" + s.step()
                    + " maxStep=" + s.maxStep() + " (example: step: 1000, minStep: 100, maxStep: 1000000)");
        }
    }
}
