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
 * @param warmupRequests requests {@code serve} sends itself over each transport before readiness says ready
 *     (bounded by a deadline too); 0 = no warm-up, ready at once
 */
public record HttpSettings(String host, int port, int instances, String bearerToken, Path tlsCertPath, Path tlsKeyPath,
                           int warmupRequests) {
    /** The default warm-up: a couple of thousand requests per transport, within the warm-up's deadline. */
    public static final int DEFAULT_WARMUP_REQUESTS = 2_000;
    /** The most {@code warmupRequests} may ask for. */
    public static final int MAX_WARMUP_REQUESTS = 1_000_000;

    public static final HttpSettings DEFAULT =
            new HttpSettings("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), null, null, null);

    public HttpSettings {
        bearerToken = bearerToken == null || bearerToken.isEmpty() ? null : bearerToken;
    }

    /** Settings with the default warm-up. */
    public HttpSettings(String host, int port, int instances, String bearerToken, Path tlsCertPath, Path tlsKeyPath) {
        this(host, port, instances, bearerToken, tlsCertPath, tlsKeyPath, DEFAULT_WARMUP_REQUESTS);
    }

    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    public HttpSettings withHost(String newHost) {
        return new HttpSettings(newHost, port, instances, bearerToken, tlsCertPath, tlsKeyPath, warmupRequests);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, instances, bearerToken, tlsCertPath, tlsKeyPath, warmupRequests);
    }

    public HttpSettings withInstances(int newInstances) {
        return new HttpSettings(host, port, newInstances, bearerToken, tlsCertPath, tlsKeyPath, warmupRequests);
    }

    public HttpSettings withBearerToken(String token) {
        return new HttpSettings(host, port, instances, token, tlsCertPath, tlsKeyPath, warmupRequests);
    }

    public HttpSettings withTls(Path certPath, Path keyPath) {
        return new HttpSettings(host, port, instances, bearerToken, certPath, keyPath, warmupRequests);
    }

    public HttpSettings withWarmupRequests(int requests) {
        return new HttpSettings(host, port, instances, bearerToken, tlsCertPath, tlsKeyPath, requests);
    }
}
