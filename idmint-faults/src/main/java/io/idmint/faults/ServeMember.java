package io.idmint.faults;

import io.idmint.testkit.FreePorts;
import java.io.IOException;
import java.util.List;

/** An {@code idmint serve} process: HTTP and gRPC on ports it keeps across restarts. */
final class ServeMember extends Member {
    final int httpPort;
    final int grpcPort;
    private final String config;

    ServeMember(int slot, ClusterSettings settings, String config) throws IOException {
        super(slot, settings);
        this.httpPort = FreePorts.loopback();
        this.grpcPort = FreePorts.loopback();
        this.config = config;
    }

    @Override
    List<String> arguments() {
        return List.of("serve", "--config", config, "--host", "127.0.0.1",
                "--http-port", Integer.toString(httpPort), "--grpc-port", Integer.toString(grpcPort));
    }
}
