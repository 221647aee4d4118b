package io.idmint.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.config.IdmintConfig;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import io.idmint.core.InvalidRequestException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Decode IDs into timestamp, datacenter, worker and sequence.",
                "An invalid ID is reported on stderr and the others are still decoded; the exit code is then 2."})
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--layout", description = "Preset layout the IDs were made with (default: default).")
    String layout;

    @Option(names = "--config", description = "Decode with a generator's layout from this YAML config.")
    Path config;

    @Option(names = "--generator", description = "Which generator of --config (default: the top level's).")
    String generator;

    @Option(names = "--json", description = "One JSON object per ID, one per line.")
    boolean json;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, decimal, base32 or hex. auto: digits only = decimal, 13 symbols with a letter = base32,"
                    + " 0x... = hex; 13 digits are ambiguous and need --format.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "IDs to decode.")
    List<String> ids;

    @Override
    public Integer call() {
        BitLayout bitLayout = layout();
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (String text : ids) {
            DecodedId decoded;
            try {
                decoded = bitLayout.decode(format.equals("auto") ? IdFormat.parseAuto(text) : IdFormat.named(format).parse(text));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("idmint: " + e.getMessage());
                exit = ExitCodes.INVALID_INPUT;
                continue;
            }
            if (json) {
                out.println(toJson(decoded));
            } else {
                printText(out, bitLayout, decoded);
            }
        }
        out.flush();
        return exit;
    }

    private BitLayout layout() {
        if (generator != null && config == null) {
            throw new InvalidRequestException("--generator names a generator of --config: give --config FILE as well");
        }
        if (config == null) {
            return BitLayout.preset(layout == null ? "default" : layout);
        }
        BitLayout fromConfig = Composition.select(IdmintConfig.load(config), generator).generator().layout();
        return layout == null ? fromConfig : BitLayout.preset(layout);
    }

    static String toJson(DecodedId d) {
        try {
            return JSON.writeValueAsString(d.fields());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same fields as the JSON, one per line, with the layout's bit view beside its name and the ID's bits. */
    private static void printText(PrintWriter out, BitLayout layout, DecodedId d) {
        for (Map.Entry<String, Object> f : d.fields().entrySet()) {
            if (f.getKey().equals("layout")) {
                out.printf("%-14s%s (%s)%n", "layout", f.getValue(), layout.binaryView());
                out.printf("%-14s%s%n", "binary", layout.binaryView(d.id()));
            } else {
                out.printf("%-14s%s%n", f.getKey(), f.getValue());
            }
        }
        out.println();
    }
}
