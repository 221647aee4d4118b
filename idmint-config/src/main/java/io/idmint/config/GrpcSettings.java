package io.idmint.config;

/**
 * The {@code grpc:} section, what {@code serve} binds.
 *
 * @param host the address to bind
 * @param port the port; 0 = any free port
 */
public record GrpcSettings(String host, int port) {
    public static final GrpcSettings DEFAULT = new GrpcSettings("127.0.0.1", 9090);

    public GrpcSettings withHost(String newHost) {
        return new GrpcSettings(newHost, port);
    }

    public GrpcSettings withPort(int newPort) {
        return new GrpcSettings(host, newPort);
    }
}
