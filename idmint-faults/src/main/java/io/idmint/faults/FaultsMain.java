package io.idmint.faults;

import io.idmint.testkit.Etcd;

import io.idmint.core.BitLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault-injection suite: starts etcd (or, with {@code --scheme segment}, PostgreSQL) and several idmint
 * processes on 127.0.0.1, runs clients that record every ID, lets the seeded {@link Nemesis} inject faults,
 * then checks the run. Exit 0 when every check passed, 1 when one failed (a duplicate, an order violation, a
 * member that never recovered), 2 on bad usage, 3 when the cluster could not be set up.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Fault-injection suite: kill -9, SIGSTOP past the lease TTL, etcd restarts and clock steps"
                + " against several idmint serve (or node) processes leasing worker IDs from etcd, or PostgreSQL killed and"
                + " frozen under idmint serve processes taking segments from it (--scheme segment); checks every ID.")
public final class FaultsMain implements Callable<Integer> {
    enum Target { SERVE, NODE }

    enum Profile { SHORT, LONG }

    enum Scheme { SNOWFLAKE, SEGMENT }

    @Option(names = "--target", description = "serve (HTTP, gRPC clients) or node (Maelstrom-style clients); default serve.")
    Target target = Target.SERVE;

    @Option(names = "--profile", description = "short: every fault once (about a minute); long: rounds for 10 minutes.")
    Profile profile = Profile.SHORT;

    @Option(names = "--duration-seconds", description = "Keep injecting rounds of faults this long (overrides the profile's).")
    Integer durationSeconds;

    @Option(names = "--scheme", description = "snowflake: members lease worker IDs from etcd (default); segment: their default"
            + " generator takes segments from one PostgreSQL (serve only; no etcd).")
    Scheme scheme = Scheme.SNOWFLAKE;

    @Option(names = "--faults", split = ",", description = "Fault kinds to inject (default: all that the setup allows):"
            + " kill_restart, pause_past_ttl, pause_takeover, etcd_restart, clock_step_back, restart_clock_behind,"
            + " coordinator_flap, clock_step_forward, misconfigured_start; with --etcd-members 3 also etcd_member_kill,"
            + " etcd_member_freeze, etcd_quorum_loss; with --scheme segment kill_restart, member_pause, postgres_restart,"
            + " postgres_freeze, postgres_down_member_kill.")
    List<FaultKind> kinds;

    @Option(names = "--segment-step", description = "With --scheme segment: IDs per segment, fixed (default 200: two buffered"
            + " segments last well under a second at the clients' load, so PostgreSQL faults reach them).")
    int segmentStep = 200;

    @Option(names = "--segment-max-wait-millis", description = "With --scheme segment: how long a request waits for a segment"
            + " before \"retry later\" (default 500, below the clients' 1 s timeout).")
    long segmentMaxWaitMillis = 500;

    @Option(names = "--etcd-members", description = "etcd as one member (default) or a cluster of 3, as users run it.")
    int etcdMembers = 1;

    @Option(names = "--seed", description = "Seed of the fault schedule (default: the clock; printed for replay).")
    Long seed;

    @Option(names = "--members", description = "idmint processes in the cluster (default 3).")
    int members = 3;

    @Option(names = "--lease-ttl-millis", description = "Lease TTL of every member (default 2000; 6000 with --etcd-members 3,"
            + " since a lease must outlast a leader election).")
    Long leaseTtlMillis;

    @Option(names = "--idmint-jar", description = "The idmint CLI jar (default idmint-cli/target/idmint.jar).")
    Path idmintJar = Path.of("idmint-cli/target/idmint.jar");

    @Option(names = "--out", description = "Where the report, member logs and etcd's data (or PostgreSQL's log) go"
            + " (default: a new temporary directory).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultsMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        checkUsage();
        long runSeed = seed != null ? seed : System.currentTimeMillis();
        Path work = out != null ? Files.createDirectories(out) : Files.createTempDirectory("idmint-faults");
        PrintStream console = System.out;
        if (segments()) {
            console.printf("faults: %s, %s, profile %s, seed %d, %d members; logs in %s%n", target.name().toLowerCase(),
                    segmentSettings().describe(), profile.name().toLowerCase(), runSeed, members, work);
        } else {
            console.printf("faults: %s, profile %s, seed %d, %d members, etcd of %d, lease TTL %d ms; logs in %s%n",
                    target.name().toLowerCase(), profile.name().toLowerCase(), runSeed, members, etcdMembers, leaseTtlMillis, work);
        }
        Run run = new Run(work, console);
        // Ctrl-C or a CI timeout must not leave etcd and members running, perhaps stopped for good.
        Thread reaper = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            RunResult result = run.execute(runSeed);
            String what = target == Target.SERVE ? "idmint serve" : "idmint node";
            String title = String.format("%s, %s profile, seed %d, %s", segments() ? what + ", " + segmentSettings().describe() : what,
                    profile.name().toLowerCase(), runSeed, LocalDate.now());
            String report = Report.markdown(title, result);
            Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
            Files.writeString(work.resolve("collisions.prom"), Report.prometheus(result), StandardCharsets.UTF_8);
            console.println();
            console.print(report);
            return result.passed() ? 0 : 1;
        } catch (ClusterSetupException e) {
            System.err.println("faults: could not set up the cluster: " + e.getMessage());
            return 3;
        } finally {
            run.close();
        }
    }

    /** Checks the options against each other; fills in the defaults that depend on the setup. */
    private void checkUsage() {
        if (members < 2 || members > 32) {
            throw usage("members must be 2..32: members=" + members);
        }
        if (etcdMembers != 1 && etcdMembers != 3) {
            throw usage("etcd-members must be 1 or 3: etcd-members=" + etcdMembers);
        }
        if (segments()) {
            checkSegmentUsage();
        } else if (leaseTtlMillis == null) {
            leaseTtlMillis = etcdMembers == 3 ? 6000L : 2000L;
        }
        if (kinds == null) {
            kinds = java.util.Arrays.stream(FaultKind.values()).filter(k -> k.runsWith(segments(), etcdMembers)).toList();
        } else if (!segments() && etcdMembers == 1 && kinds.stream().anyMatch(k -> k.setup == FaultKind.Setup.ETCD_CLUSTER)) {
            throw usage("faults on single etcd members need --etcd-members 3: faults=" + kinds);
        } else if (kinds.stream().anyMatch(k -> !k.runsWith(segments(), etcdMembers))) {
            throw usage("faults " + kinds.stream().filter(k -> !k.runsWith(segments(), etcdMembers)).toList() + " do not apply to --scheme "
                    + scheme.name().toLowerCase() + ": faults=" + kinds);
        }
        if (!Files.isRegularFile(idmintJar)) {
            throw usage("no idmint CLI jar at " + idmintJar.toAbsolutePath() + ": build it with mvn -pl idmint-cli -am package,"
                    + " or pass --idmint-jar");
        }
    }

    private void checkSegmentUsage() {
        if (target != Target.SERVE) {
            throw usage("--scheme segment runs idmint serve members only: target=" + target.name().toLowerCase());
        }
        if (etcdMembers != 1 || leaseTtlMillis != null) {
            throw usage("--scheme segment uses no etcd and no leases: drop --etcd-members and --lease-ttl-millis");
        }
        if (segmentStep < 1 || segmentStep > 10_000_000) {
            throw usage("segment-step must be 1..10000000: segment-step=" + segmentStep);
        }
        if (segmentMaxWaitMillis < 0 || segmentMaxWaitMillis >= Client.TIMEOUT_MILLIS) {
            throw usage("segment-max-wait-millis must be 0.." + (Client.TIMEOUT_MILLIS - 1) + ", below the clients' timeout, or"
                    + " refusals would look like timeouts: segment-max-wait-millis=" + segmentMaxWaitMillis);
        }
        leaseTtlMillis = 0L;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    boolean segments() {
        return scheme == Scheme.SEGMENT;
    }

    SegmentSettings segmentSettings() {
        return new SegmentSettings(segmentStep, segmentMaxWaitMillis);
    }

    /** One run: the processes, the clients, the nemesis. */
    private final class Run {
        private final Path work;
        private final PrintStream console;
        private final List<Member> cluster = new ArrayList<>();
        private Member spare;
        private final List<Client> clients = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private Etcd etcd;
        private PostgresServer postgres;
        private String config;
        private Path memberJar;

        Run(Path work, PrintStream console) {
            this.work = work;
            this.console = console;
        }

        RunResult execute(long runSeed) throws IOException, InterruptedException {
            // Members run a copy taken now: a build during the run rewrites the jar under them (classes load lazily).
            memberJar = Files.copy(idmintJar, work.resolve("idmint-run.jar"), StandardCopyOption.REPLACE_EXISTING).toAbsolutePath();
            ClusterSettings settings = startCluster();
            long quietMillis = profile == Profile.SHORT ? 2000 : 3000;
            long seconds = durationSeconds != null ? durationSeconds : profile == Profile.SHORT ? 0 : 600;
            for (Member m : cluster) {
                clients.addAll(workload(m));
            }
            if (spare != null) {
                clients.addAll(workload(spare));
            }
            clients.forEach(c -> {
                Thread t = new Thread(c, c.name);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            });
            long start = System.nanoTime();
            Nemesis nemesis = new Nemesis(new Cluster(etcd, postgres, cluster, spare, settings, config), clients, kinds, runSeed,
                    settings.leaseTtlMillis(), quietMillis, console);
            List<Fault> faults;
            String aborted = null;
            try {
                faults = nemesis.run(start + TimeUnit.SECONDS.toNanos(seconds));
            } catch (RuntimeException | IOException e) {
                aborted = e.getMessage() == null ? e.toString() : e.getMessage();
                console.println("faults: ABORTED: " + aborted);
                faults = nemesis.injected();
            }
            stopClients();
            long end = System.nanoTime();
            stopMembers(); // a node's replies still in its pipe are read (and checked) first
            Checker checker = segments() ? Checker.forSegments(recordings(), members, segmentStep)
                    : new Checker(recordings(), BitLayout.DEFAULT, members);
            return checker.check(faults, start, end, aborted);
        }

        private ClusterSettings startCluster() throws IOException, InterruptedException {
            return segments() ? startSegmentCluster() : startLeasingCluster();
        }

        /** PostgreSQL and the segment members; no etcd, no spare (there is no worker ID to take over). */
        private ClusterSettings startSegmentCluster() throws IOException, InterruptedException {
            try {
                postgres = PostgresServer.launch(work);
                console.printf("faults: %s up%n", postgres);
                ClusterSettings settings = new ClusterSettings(memberJar, work, null, members, 0, 0);
                config = segmentSettings().writeConfig(work, postgres).toString();
                for (int i = 0; i < members; i++) {
                    Member m = member(i, settings, config);
                    cluster.add(m);
                    m.start(0);
                    console.printf("faults: member %d up%n", i);
                }
                return settings;
            } catch (RuntimeException | IOException e) {
                throw new ClusterSetupException(e.getMessage(), e);
            }
        }

        private ClusterSettings startLeasingCluster() throws IOException, InterruptedException {
            try {
                etcd = Etcd.cluster(work.resolve("etcd"), etcdMembers);
                etcd.start();
                ClusterSettings settings = new ClusterSettings(memberJar, work, etcd.address(), members,
                        leaseTtlMillis, leaseTtlMillis / 2);
                config = settings.writeConfig().toString();
                for (int i = 0; i < members; i++) {
                    Member m = member(i, settings, config);
                    cluster.add(m);
                    m.start(0);
                    console.printf("faults: member %d up as worker %d%n", i, m.worker());
                }
                spare = member(members, settings, config); // started only by the takeover fault
                return settings;
            } catch (RuntimeException | IOException e) {
                throw new ClusterSetupException(e.getMessage(), e);
            }
        }

        private Member member(int slot, ClusterSettings settings, String config) throws IOException {
            return target == Target.SERVE ? new ServeMember(slot, settings, config) : new NodeMember(slot, settings, config);
        }

        private List<Client> workload(Member m) {
            String p = "m" + m.slot + "-";
            if (m instanceof ServeMember s) {
                return List.of(HttpClients.single(p + "http-single", s, 100), HttpClients.batch(p + "http-batch", s, 20, 100),
                        new GrpcStreamClient(p + "grpc-stream", s, 5, 100, 10));
            }
            NodeMember n = (NodeMember) m;
            return List.of(new NodeClient(p + "generate-a", n, 100, 0), new NodeClient(p + "generate-b", n, 100, 0),
                    new NodeClient(p + "generate-batch", n, 20, 100));
        }

        private void stopClients() throws InterruptedException {
            clients.forEach(Client::stop);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }

        private List<Recording> recordings() {
            return clients.stream().map(c -> c.recording).toList();
        }

        private void stopMembers() throws InterruptedException {
            List<Member> all = new ArrayList<>(cluster);
            if (spare != null) {
                all.add(spare);
            }
            for (Member m : all) {
                if (m.alive()) {
                    try {
                        m.resume(); // a member left stopped by an aborted fault could not exit
                    } catch (IOException | RuntimeException e) {
                        m.logLine("== harness: SIGCONT before stopping failed: " + e);
                    }
                    m.terminate();
                }
            }
        }

        void close() throws InterruptedException, IOException {
            clients.forEach(Client::stop);
            stopMembers();
            if (etcd != null) {
                etcd.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (memberJar != null) {
                Files.deleteIfExists(memberJar);
            }
        }
    }

    /** etcd, PostgreSQL or a member did not come up at the start: nothing was tested. */
    static final class ClusterSetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClusterSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
