package io.idmint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
    /** Always with milliseconds, so that timestamps line up and sort as text. */
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--layout", description = "Preset layout the IDs were made with (default: default).", defaultValue = "default")
    String layout;

    @Option(names = "--json", description = "One JSON object per ID, one per line.")
    boolean json;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, decimal, base32 or hex. auto: digits only = decimal, 13 symbols = base32, 0x... = hex.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "IDs to decode.")
    List<String> ids;

    @Override
    public Integer call() {
        BitLayout bitLayout = BitLayout.preset(layout);
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        int exit = ExitCodes.OK;
        for (String text : ids) {
            DecodedId decoded;
            try {
                decoded = bitLayout.decode(parse(text));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("idmint: " + e.getMessage());
                exit = ExitCodes.INVALID_INPUT;
                continue;
            }
            if (json) {
                out.println(toJson(mapper, decoded));
            } else {
                printText(out, bitLayout, decoded);
            }
        }
        out.flush();
        return exit;
    }

    private long parse(String text) {
        if (!format.equals("auto")) {
            return IdFormat.named(format).parse(text);
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return IdFormat.HEX.parse(text.substring(2));
        }
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return IdFormat.DECIMAL.parse(text);
        }
        if (text.length() == 13) {
            return IdFormat.BASE32.parse(text);
        }
        throw new IllegalArgumentException("not an ID: '" + text + "': expected decimal digits, 13 base32 symbols or 0x-prefixed hex");
    }

    static String toJson(ObjectMapper mapper, DecodedId d) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", d.id());
        node.put("timestamp", ISO_MILLIS.format(d.timestamp()));
        node.put("timestamp_ms", d.timestamp().toEpochMilli());
        node.put("datacenter", d.datacenter());
        node.put("worker", d.worker());
        node.put("sequence", d.sequence());
        node.put("layout", d.layout());
        node.put("base32", IdFormat.BASE32.format(d.id()));
        node.put("hex", IdFormat.HEX.format(d.id()));
        return node.toString();
    }

    private static void printText(PrintWriter out, BitLayout layout, DecodedId d) {
        out.printf("id          %d%n", d.id());
        out.printf("timestamp   %s%n", ISO_MILLIS.format(d.timestamp()));
        out.printf("datacenter  %d%n", d.datacenter());
        out.printf("worker      %d%n", d.worker());
        out.printf("sequence    %d%n", d.sequence());
        out.printf("layout      %s (%s)%n", d.layout(), layout.binaryView());
        out.printf("binary      %s%n", layout.binaryView(d.id()));
        out.printf("base32      %s%n", IdFormat.BASE32.format(d.id()));
        out.printf("hex         %s%n%n", IdFormat.HEX.format(d.id()));
    }
}
