package io.idmint.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Clients of a service member over HTTP: single IDs and batches, each with its own keep-alive connection pool. */
final class HttpClients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpClients() {}

    /** {@code GET /api/v1/ids}: one ID per request. */
    static Client single(String name, ServeMember m, double requestsPerSecond) {
        return new IdsOverHttp(name, m, requestsPerSecond, "/api/v1/ids?format=number");
    }

    /** {@code GET /api/v1/ids?count=N}: a strictly increasing batch per request. */
    static Client batch(String name, ServeMember m, double requestsPerSecond, int count) {
        return new IdsOverHttp(name, m, requestsPerSecond, "/api/v1/ids?format=number&count=" + count);
    }

    private static final class IdsOverHttp extends Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
                .version(HttpClient.Version.HTTP_1_1).build();
        private final HttpRequest get;

        IdsOverHttp(String name, ServeMember m, double requestsPerSecond, String path) {
            super(name, m.slot, requestsPerSecond);
            this.get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.httpPort + path))
                    .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build();
        }

        @Override
        void request(long startNanos) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            if (r.statusCode() == 503) {
                throw new Refused("HTTP 503 " + r.body());
            }
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " " + r.body());
            }
            long[] ids = Replies.ids(JSON.readTree(r.body()));
            if (ids.length == 0) {
                throw new IOException("no IDs in an answer with status 200: " + r.body());
            }
            recording.ids(member, startNanos, end, ids);
        }
    }
}
