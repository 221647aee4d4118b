package io.idmint.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code http:} section, what {@code serve} binds.
 *
 * @param host the address to bind
 * @param port the port; 0 = any free port
 * @param instances event loops serving HTTP (default one per core)
 * @param bearerToken the token the ID endpoints require, or null for none
 * @param tlsCertPath PEM certificate chain for HTTPS, or null (set together with {@code tlsKeyPath})
 * @param tlsKeyPath PEM private key for HTTPS, or null
 */
public record HttpSettings(String host, int port, int instances, String bearerToken, Path tlsCertPath, Path tlsKeyPath) {
    public static final HttpSettings DEFAULT =
            new HttpSettings("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), null, null, null);

    public HttpSettings {
        bearerToken = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
    }

    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    public HttpSettings withHost(String newHost) {
        return new HttpSettings(newHost, port, instances, bearerToken, tlsCertPath, tlsKeyPath);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, instances, bearerToken, tlsCertPath, tlsKeyPath);
    }

    public HttpSettings withInstances(int newInstances) {
        return new HttpSettings(host, port, newInstances, bearerToken, tlsCertPath, tlsKeyPath);
    }

    public HttpSettings withBearerToken(String token) {
        return new HttpSettings(host, port, instances, token, tlsCertPath, tlsKeyPath);
    }

    public HttpSettings withTls(Path certPath, Path keyPath) {
        return new HttpSettings(host, port, instances, bearerToken, certPath, keyPath);
    }
}
