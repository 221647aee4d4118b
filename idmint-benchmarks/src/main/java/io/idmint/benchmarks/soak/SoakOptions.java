package io.idmint.benchmarks.soak;

import java.nio.file.Path;

/** The command line of {@link SoakLoad}. */
record SoakOptions(int httpPort, int grpcPort, long serverPid, int minutes, double ratePerSecond, int connections,
                   int windowSeconds, int grpcBatchCount, double grpcCallsPerSecond, Path outDir) {

    static final String USAGE = "usage: SoakLoad --http-port P --grpc-port G --server-pid PID --out DIR"
            + " [--minutes M (10)] [--rate R req/s (10000)] [--connections C (16)] [--window-seconds S (10)]"
            + " [--grpc-batch N (100)] [--grpc-rate R calls/s (10)]";

    int durationSeconds() {
        return minutes * 60;
    }

    int windowCount() {
        return durationSeconds() / windowSeconds;
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} naming the problem. */
    static SoakOptions parse(String[] args) {
        int httpPort = -1;
        int grpcPort = -1;
        long pid = -1;
        int minutes = 10;
        double rate = 10_000;
        int connections = 16;
        int windowSeconds = 10;
        int grpcBatch = 100;
        double grpcRate = 10;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--http-port" -> httpPort = Integer.parseInt(v);
                case "--grpc-port" -> grpcPort = Integer.parseInt(v);
                case "--server-pid" -> pid = Long.parseLong(v);
                case "--minutes" -> minutes = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--window-seconds" -> windowSeconds = Integer.parseInt(v);
                case "--grpc-batch" -> grpcBatch = Integer.parseInt(v);
                case "--grpc-rate" -> grpcRate = Double.parseDouble(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new SoakOptions(httpPort, grpcPort, pid, minutes, rate, connections, windowSeconds, grpcBatch,
                grpcRate, out).validated();
    }

    private SoakOptions validated() {
        if (httpPort <= 0 || grpcPort <= 0 || serverPid <= 0 || outDir == null) {
            throw new IllegalArgumentException("--http-port, --grpc-port, --server-pid and --out are required");
        }
        if (minutes < 1 || ratePerSecond <= 0 || connections < 1 || windowSeconds < 1 || grpcCallsPerSecond <= 0) {
            throw new IllegalArgumentException("minutes, rates, connections and the window must be positive");
        }
        if (durationSeconds() % windowSeconds != 0) {
            throw new IllegalArgumentException("the run (" + durationSeconds() + " s) must be whole windows of "
                    + windowSeconds + " s");
        }
        if (grpcBatchCount < 1 || grpcBatchCount > 100_000) {
            throw new IllegalArgumentException("--grpc-batch must be 1..100000 (the service's limit)");
        }
        return this;
    }
}
