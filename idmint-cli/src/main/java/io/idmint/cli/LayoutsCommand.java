package io.idmint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.IsoTimestamps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "layouts", mixinStandardHelpOptions = true,
        description = "The preset layouts: widths, epoch, IDs/s per worker, workers and end of life.")
final class LayoutsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "A JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (BitLayout l : BitLayout.presets()) {
                ObjectNode n = array.addObject();
                n.put("name", l.name());
                n.put("bits", l.binaryView());
                n.put("tick_millis", l.tickMillis());
                n.put("epoch", IsoTimestamps.format(l.epoch()));
                n.put("ids_per_second_per_worker", l.idsPerSecondPerGenerator());
                n.put("workers", l.generators());
                n.put("end_of_life", IsoTimestamps.format(l.endOfLife()));
            }
            out.println(array);
        } else {
            String row = "%-10s %-52s %5s  %-24s %14s %8s  %s%n";
            out.printf(row, "NAME", "BITS (high to low)", "TICK", "EPOCH", "IDS/S/WORKER", "WORKERS", "END OF LIFE");
            for (BitLayout l : BitLayout.presets()) {
                out.printf(row, l.name(), l.binaryView(), l.tickMillis() + "ms", IsoTimestamps.format(l.epoch()),
                        String.format("%,d", l.idsPerSecondPerGenerator()), String.format("%,d", l.generators()),
                        IsoTimestamps.format(l.endOfLife()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
