package io.idmint.benchmarks.soak;

/**
 * Netty (the HTTP load) and gRPC's shaded Netty would log through SLF4J, which is on the benchmark jar's
 * class path without a binding, so each prints a warning; java.util.logging is quiet at its defaults.
 */
final class QuietNetty {
    private QuietNetty() {}

    static void useJdkLogging() {
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }
}
