package io.idmint.spring.boot.autoconfigure;

import io.idmint.spring.boot.autoconfigure.IdmintConfigurationException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * idmint-config's problems, which name the config file's keys ({@code generators.orders.generator.worker}),
 * restated with Spring's property names ({@code idmint.generators.orders.generator.worker}); the file's
 * "(example: worker: 3)" becomes {@code idmint.generator.worker=3}.
 */
final class ConfigProblems {
    private static final String SECTIONS = "layout|generator|workers|clock|hlc|uuid7|wide128|segment";
    private static final String NAMED = "generators\\.[a-z0-9][a-z0-9_-]*\\.";
    /** A key path: a section with keys, or a bare section or scheme followed by ':' or '='. */
    private static final Pattern KEY = Pattern.compile("(?<![\\w.\\[-])((?:" + NAMED + ")?(?:(?:" + SECTIONS
            + ")(?:\\.[A-Za-z][A-Za-z0-9]*)+|(?:" + SECTIONS + "|scheme)(?=[:=]))|generators\\.[a-z0-9][a-z0-9_-]*(?=[:=]))");
    private static final Pattern EXAMPLE = Pattern.compile("\\s*\\(example: (.+)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern PAIR = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*): (.+)");
    private static final Pattern FLOW = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*): \\{(.*)}");
    private static final Pattern SECTION = Pattern.compile(SECTIONS);

    private ConfigProblems() {}

    /**
     * @param lookup the application's value and its origin for a property name, where it set one
     */
    static List<Problem> of(List<String> problems, Function<String, Optional<String[]>> lookup) {
        List<Problem> out = new ArrayList<>();
        for (String raw : problems) {
            Matcher example = EXAMPLE.matcher(raw);
            boolean hasExample = example.find();
            String text = hasExample ? raw.substring(0, example.start()) : raw;
            Matcher key = KEY.matcher(text);
            String primary = key.find() ? key.group(1) : null;
            String property = primary == null ? "idmint" : property(primary);
            List<String> examples = hasExample ? examples(primary, example.group(1).trim()) : List.of();
            if (primary == null && !examples.isEmpty() && examples.get(0).startsWith("idmint.") && examples.get(0).contains("=")) {
                property = examples.get(0).substring(0, examples.get(0).indexOf('=')); // a message that names the key only in its example
            }
            Optional<String[]> found = primary == null ? Optional.empty() : lookup.apply(property);
            out.add(new Problem(property, rewrite(text), examples, found.map(f -> f[0]).orElse(null),
                    found.map(f -> f[1]).orElse(null)));
        }
        return out;
    }

    /** Every key path in {@code text} in Spring's form. */
    static String rewrite(String text) {
        Matcher m = KEY.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(property(m.group(1))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** {@code generators.my_gen.generator.rollbackMaxWaitMillis} is {@code idmint.generators[my_gen].generator.rollback-max-wait-millis}. */
    static String property(String path) {
        String[] parts = path.split("\\.");
        StringBuilder b = new StringBuilder("idmint");
        int i = 0;
        if (parts.length >= 2 && parts[0].equals("generators")) {
            b.append(".generators");
            b.append(parts[1].matches("[a-z0-9-]+") ? "." + parts[1] : "[" + parts[1] + "]");
            i = 2;
        }
        for (; i < parts.length; i++) {
            b.append('.').append(kebab(parts[i]));
        }
        return b.toString();
    }

    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The file's example as properties: its keys sit in the section of the problem's first key path
     * ({@code worker: 3} beside {@code generator.worker}), unless they are paths themselves.
     */
    static List<String> examples(String primary, String example) {
        String named = "";
        String relative = primary == null ? "" : primary;
        Matcher n = Pattern.compile("^(" + NAMED + ")(.*)").matcher(relative);
        if (n.matches()) {
            named = n.group(1);
            relative = n.group(2);
        }
        String section = relative.contains(".") ? relative.substring(0, relative.indexOf('.'))
                : SECTION.matcher(relative).matches() ? relative : "";
        Matcher flow = FLOW.matcher(example);
        if (flow.matches()) {
            String outer = flow.group(1);
            List<String> out = new ArrayList<>();
            for (String pair : flow.group(2).split(",\\s*")) {
                Matcher p = PAIR.matcher(pair.trim());
                if (!p.matches()) {
                    return List.of("example: " + example);
                }
                out.add(property(named + outer + "." + p.group(1)) + "=" + value(p.group(2)));
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String pair : example.split(",\\s*(?=[A-Za-z][A-Za-z0-9_.-]*: )")) {
            Matcher p = PAIR.matcher(pair.trim());
            if (!p.matches() || pair.contains("\n")) {
                return List.of("example: " + example);
            }
            String k = p.group(1);
            String path;
            if (k.startsWith("generators.") || SECTION.matcher(k.contains(".") ? k.substring(0, k.indexOf('.')) : "").matches()) {
                path = k;
            } else if (k.equals("scheme") || section.isEmpty() || k.equals(section)) {
                path = named + k;
            } else {
                path = named + section + "." + k;
            }
            out.add(property(path) + "=" + value(p.group(2)));
        }
        return out;
    }

    private static String value(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            return t.substring(1, t.length() - 1).replaceAll(",\\s*", ",");
        }
        return t;
    }
}
