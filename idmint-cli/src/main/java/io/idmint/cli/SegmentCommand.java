package io.idmint.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.composition.Composition;
import io.idmint.composition.Segments;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.InvalidRequestException;
import io.idmint.segment.SegmentKey;
import io.idmint.segment.SegmentStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Business keys of a segment generator's stores: create one ahead of first use, list them, describe one. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"The business keys (biz tags) in a segment generator's stores, as --config names them.",
                "A key is created on first use with step 1000; create it here to choose its step and description."},
        subcommands = {SegmentCommand.Create.class, SegmentCommand.ListKeys.class, SegmentCommand.Describe.class})
final class SegmentCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The options every subcommand takes: which configured generator's stores. */
    static final class Target {
        @Option(names = "--config", required = true, description = "The YAML config with the segment generator.")
        Path config;

        @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
        String generator;

        SchemeSettings.Segment settings() {
            GeneratorConfig g = Composition.select(IdmintConfig.load(config), generator);
            if (!(g.scheme() instanceof SchemeSettings.Segment s)) {
                throw new InvalidRequestException("generator " + g.name() + " of " + config + " is scheme " + g.scheme().name()
                        + ", not segment: its IDs have no business keys");
            }
            return s;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key on every store of the generator.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "BIZ_TAG", description = "The key, [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}.")
        String bizTag;

        @Option(names = "--step", defaultValue = "1000", description = "The step generators start with (1..10000000).")
        int step;

        @Option(names = "--description", defaultValue = "", description = "Free text, up to 256 characters.")
        String description;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (SegmentStore store : Segments.stores(target.settings())) {
                try (store) {
                    boolean created = store.createKey(bizTag, step, description);
                    out.printf("%s %s on %s%n", bizTag, created ? "created" : "already exists", store.location());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every key of every store of the generator.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SegmentStore store : Segments.stores(target.settings())) {
                try (store) {
                    for (SegmentKey k : store.keys()) {
                        rows.add(row(store, k));
                    }
                }
            }
            print(spec.commandLine().getOut(), rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "One key on every store of the generator.")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "BIZ_TAG", arity = "0..1", description = "The key (default: the generator's).")
        String bizTag;

        @Override
        public Integer call() {
            SchemeSettings.Segment s = target.settings();
            String tag = bizTag != null ? bizTag : s.bizTag();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SegmentStore store : Segments.stores(s)) {
                try (store) {
                    Optional<SegmentKey> k = store.key(tag);
                    rows.add(k.map(key -> row(store, key)).orElseGet(() -> Map.of("store", store.location(), "biz_tag", tag,
                            "exists", false)));
                }
            }
            print(spec.commandLine().getOut(), rows);
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> row(SegmentStore store, SegmentKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", store.location());
        m.putAll(k.toMap());
        return m;
    }

    /** One JSON object per line: each row names its store, so rows of several stores stay apart. */
    private static void print(PrintWriter out, List<Map<String, Object>> rows) {
        for (Map<String, Object> r : rows) {
            try {
                out.println(JSON.writeValueAsString(r));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.flush();
    }
}
