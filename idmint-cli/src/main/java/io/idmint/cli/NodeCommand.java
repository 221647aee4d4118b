package io.idmint.cli;

import io.idmint.composition.Composition;
import io.idmint.config.IdmintConfig;
import io.idmint.core.TimeSource;
import io.idmint.node.CounterIds;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.node.MaelstromNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a Maelstrom-compatible node: JSON requests on stdin, one reply per line on stdout,"
                + " logs on stderr. The worker ID comes from the node ID init assigns (n3 -> worker 3), or from a"
                + " lease with --allocation zookeeper|etcd.",
                "Handles init, generate, generate_batch (count 1..100000), decompose and verify_ids, each optionally"
                        + " naming a generator of --config; errors use Maelstrom's codes 10, 11, 12, 13 and 14."
                        + " Runs until stdin ends."})
final class NodeCommand implements Callable<Integer> {
    /** The node's logs (stderr; stdout carries only the protocol's replies). */
    static final System.Logger LOG = System.getLogger("idmint-node");

    @Mixin
    GeneratorOptions options;

    @Mixin
    LogOptions logs;

    @Mixin
    WorkerAllocationOptions allocation;

    @Mixin
    TestClockOffset.Flag testClock;

    /** The node's answers to generate: the issuing core's IDs, or the seed transcript's per-node counters. */
    enum IdStyle { SNOWFLAKE, COUNTER }

    @Option(names = "--id-style", paramLabel = "STYLE", defaultValue = "SNOWFLAKE",
            description = {"What generate and generate_batch answer when no generator is named: snowflake (64-bit"
                    + " IDs of the default generator; the default) or counter (\"<node_id>-<n>\" strings, n from 0 per"
                    + " node, as in the seed's sample transcript).",
                    "Counters survive a restart only with --state-dir (they reserve blocks there); without it a restarted"
                            + " node begins at 0 again, as Maelstrom's harness, which never restarts a node, expects."})
    IdStyle idStyle;

    @Override
    public Integer call() throws IOException {
        logs.install(options.config);
        // Harness-spawned nodes are ephemeral: no high-water mark unless a state directory is given.
        IdmintConfig cfg = allocation.applyFlags(options.applyFlags(options.load(null))).validate(options.source());
        UnaryOperator<TimeSource> clock = testClock.clock(LOG);
        Function<MaelstromNode.NodeIdentity, CounterIds> counters = null;
        if (idStyle == IdStyle.COUNTER) {
            Optional<Path> dir = cfg.defaultGenerator().generator().stateDirectory();
            counters = id -> dir.map(d -> CounterIds.persistent(id.nodeId(), d)).orElseGet(() -> CounterIds.inMemory(id.nodeId()));
            if (dir.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "--id-style counter without --state-dir: a restarted node reissues its"
                        + " counters from 0");
            }
        }
        new MaelstromNode(id -> {
            IdIssuer issuer = Composition.openForNode(cfg, clock, id.nodeId(), id.number()).issuer();
            ClockEvents.start(issuer);
            return issuer;
        }, counters).runOnStandardStreams();
        return ExitCodes.OK;
    }
}
