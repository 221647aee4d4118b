package io.idmint.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports free on 127.0.0.1, for servers a test starts as child processes that cannot bind port 0 themselves. */
public final class FreePorts {
    private FreePorts() {}

    /** A port free on the loopback address now; the caller binds it soon after. */
    public static int loopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
