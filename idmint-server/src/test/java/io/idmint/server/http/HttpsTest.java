package io.idmint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.config.HttpSettings;
import io.idmint.server.IdService;
import io.idmint.server.TestIssuers;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** TLS from PEM files: served over HTTPS with the configured certificate, and plain HTTP is not. */
class HttpsTest {
    // Vert.x's self-signed helper is slated for removal; it is the simplest source of a PEM pair for a test.
    @SuppressWarnings("removal")
    @Test
    void servesOverTlsWithThePemCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        IdService service = new IdService(TestIssuers.of(IdGenerator.builder(BitLayout.DEFAULT).worker(3).build()));
        HttpServerHandle server = HttpServerHandle.start(service, HttpSettings.DEFAULT.withPort(0).withInstances(1)
                .withTls(Path.of(cert.certificatePath()), Path.of(cert.privateKeyPath())));
        try {
            HttpClient trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(Path.of(cert.certificatePath()))).build();
            HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/api/v1/ids")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"id\":\"");
            // A client that does not trust the certificate is refused at the handshake.
            HttpClient strict = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/api/v1/ids")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.shutdown(Duration.ofSeconds(5));
            service.close();
            cert.delete();
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("idmint", c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
