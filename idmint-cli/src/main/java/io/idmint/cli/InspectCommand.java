package io.idmint.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.composition.Composition;
import io.idmint.composition.Segments;
import io.idmint.config.GeneratorConfig;
import io.idmint.config.IdmintConfig;
import io.idmint.config.SchemeSettings;
import io.idmint.core.BitLayout;
import io.idmint.core.IdCodec;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Decode IDs into their parts: timestamp, datacenter, worker and sequence for a layout's IDs;"
                + " timestamp, counter and node for UUIDv7; timestamp, node and sequence for 128-bit IDs.",
                "An invalid ID is reported on stderr and the others are still decoded; the exit code is then 2."})
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--layout", description = "Preset layout the IDs were made with (default: default).")
    String layout;

    @Option(names = "--scheme", description = "snowflake (a layout's 64-bit IDs; the default), uuid7 or wide128."
            + " A UUID given without --scheme or --config is read as a UUIDv7.")
    String scheme;

    @Option(names = "--config", description = "Decode as a generator of this YAML config does (its scheme and layout).")
    Path config;

    @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
    String generator;

    @Option(names = "--json", description = "One JSON object per ID, one per line.")
    boolean json;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, decimal, base32 or hex, for 64-bit IDs. auto: digits only = decimal, 13 symbols with a"
                    + " letter = base32, 0x... = hex; 13 digits are ambiguous and need --format. 128-bit IDs are read in"
                    + " any of their forms (UUID, 26 base32 symbols, 32 hex digits).")
    String format;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "IDs to decode.")
    List<String> ids;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (String text : ids) {
            Decoder decoder = decoder(text);
            Map<String, Object> fields;
            long[] id;
            try {
                id = decoder.codec().words() == 1 && !format.equals("auto") ? new long[] {IdFormat.named(format).parse(text)}
                        : decoder.codec().parse(text);
                fields = decoder.codec().describe(id);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("idmint: " + e.getMessage());
                exit = ExitCodes.INVALID_INPUT;
                continue;
            }
            if (json) {
                out.println(toJson(fields));
            } else {
                printText(out, decoder.layout(), fields, id);
            }
        }
        out.flush();
        return exit;
    }

    /** What decodes the IDs: a codec, and the layout when the IDs have one (for the bit view). */
    private record Decoder(IdCodec codec, BitLayout layout) {}

    private Decoder decoder(String text) {
        if (generator != null && config == null) {
            throw new InvalidRequestException("--generator names a generator of --config: give --config FILE as well");
        }
        if (config != null && scheme == null && layout == null) {
            GeneratorConfig g = Composition.select(IdmintConfig.load(config), generator);
            if (g.scheme() instanceof SchemeSettings.Segment s) {
                return new Decoder(Segments.codec(s), null);
            }
            return decoderOf(g.scheme().name(), g.generator().layout());
        }
        BitLayout bitLayout = config != null && layout == null
                ? Composition.select(IdmintConfig.load(config), generator).generator().layout()
                : BitLayout.preset(layout == null ? "default" : layout);
        boolean looksLikeUuid = text.length() == 36 && text.charAt(8) == '-';
        return decoderOf(scheme != null ? scheme : looksLikeUuid && layout == null ? "uuid7" : "snowflake", bitLayout);
    }

    private static Decoder decoderOf(String scheme, BitLayout layout) {
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "uuid7":
                return new Decoder(IdCodec.uuidV7(), null);
            case "wide128":
                return new Decoder(IdCodec.wide128(), null);
            case "snowflake":
            case "hlc":
                return new Decoder(IdCodec.of(layout), layout);
            case "segment":
                throw new InvalidRequestException("segment IDs are plain numbers of a business key: inspect them with"
                        + " --config FILE [--generator NAME], which names the key and its stores");
            default:
                throw new InvalidRequestException("scheme must be one of snowflake, hlc, segment, uuid7, wide128: scheme=" + scheme);
        }
    }

    static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same fields as the JSON, one per line; for a layout's ID, its bit view beside its name and the ID's bits. */
    private static void printText(PrintWriter out, BitLayout layout, Map<String, Object> fields, long[] id) {
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (f.getKey().equals("layout") && layout != null) {
                out.printf("%-14s%s (%s)%n", "layout", f.getValue(), layout.binaryView());
                out.printf("%-14s%s%n", "binary", layout.binaryView(id[0]));
            } else {
                out.printf("%-14s%s%n", f.getKey(), f.getValue());
            }
        }
        out.println();
    }
}
