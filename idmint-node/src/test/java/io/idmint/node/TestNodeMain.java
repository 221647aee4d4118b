package io.idmint.node;

import io.idmint.core.BitLayout;
import io.idmint.core.Field;
import io.idmint.core.IdGenerator;
import io.idmint.core.InvalidRequestException;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import java.io.IOException;
import java.util.function.Function;

/**
 * {@code TestNodeMain [layout [datacenter]]}: the node the protocol tests spawn, one default generator
 * whose worker is the node's number, no high-water mark. Users run {@code idmint node}, whose generators
 * come from the command line's configuration.
 */
public final class TestNodeMain {
    private TestNodeMain() {}

    /** Builds, for a node's identity, an issuer of one default generator made by {@code build} with that worker. */
    static Function<MaelstromNode.NodeIdentity, IdIssuer> issuers(BitLayout layout,
                                                                   Function<Long, IdGenerator> build) {
        return id -> {
            long max = layout.maxValue(Field.WORKER);
            if (id.number() > max) {
                throw new InvalidRequestException("node_id " + id.nodeId() + " maps to worker " + id.number()
                        + ", but layout '" + layout.name() + "' allows workers 0.." + max + ": node_id=" + id.nodeId());
            }
            return IdIssuer.of(NamedGenerator.snowflake(IdIssuer.DEFAULT, build.apply(id.number()), LeaseReport.NONE));
        };
    }

    public static void main(String[] args) throws IOException {
        BitLayout layout = BitLayout.preset(args.length > 0 ? args[0] : "default");
        long datacenter = args.length > 1 ? Long.parseLong(args[1]) : 0;
        new MaelstromNode(issuers(layout, worker -> IdGenerator.builder(layout).datacenter(datacenter).worker(worker).build()))
                .runOnStandardStreams();
    }
}
