package io.idmint.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import io.idmint.core.IdGenerationException;
import io.idmint.server.Health;
import io.idmint.server.IdService;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP routes, built once per event loop and reused by the tests. IDs are JSON strings by default
 * because JavaScript numbers lose 64-bit integers; {@code format=number} and {@code format=base32}
 * are there for clients that can take them.
 */
public final class HttpApi {
    /** Batches larger than one tick's worth may spin for the next tick: they leave the event loop. */
    static final int EVENT_LOOP_BATCH_LIMIT = 4096;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdService service;
    private final byte[] expectedAuthorization;
    private final Vertx vertx;
    private final Timer singleOk;
    private final Timer batchOk;

    private HttpApi(Vertx vertx, IdService service, String bearerToken) {
        this.vertx = vertx;
        this.service = service;
        this.expectedAuthorization = bearerToken == null ? null : ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        this.singleOk = service.requestTimer("http", "single", "ok");
        this.batchOk = service.requestTimer("http", "batch", "ok");
    }

    /**
     * The request handler: {@code GET /api/v1/ids} without a query, the hottest request by far, is
     * answered before routing (the router cost about a tenth of its time); everything else goes
     * through the router. Both paths share the same single-ID code.
     */
    public static Handler<HttpServerRequest> handler(Vertx vertx, IdService service, String bearerToken) {
        HttpApi api = new HttpApi(vertx, service, bearerToken);
        Router router = api.router();
        return req -> {
            if (req.method() == HttpMethod.GET && req.query() == null && "/api/v1/ids".equals(req.path())
                    && api.authorized(req)) {
                api.single(req.path(), req.response(), System.nanoTime(), IdText.STRING);
            } else {
                router.handle(req);
            }
        };
    }

    /** The routes; {@code bearerToken} (nullable) protects the ID endpoints. */
    public static Router router(Vertx vertx, IdService service, String bearerToken) {
        return new HttpApi(vertx, service, bearerToken).router();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get("/api/v1/ids").handler(this::authorize).handler(this::ids);
        router.get("/api/v1/ids/:id").handler(this::authorize).handler(this::decode);
        router.get("/api/v1/info").handler(this::info);
        router.get("/api/v1/health").handler(this::health);
        router.get("/api/v1/health/ready").handler(this::health);
        router.get("/api/v1/health/live").handler(ctx -> json(ctx, 200, "{\"status\":\"UP\"}"));
        router.get("/metrics").handler(this::metrics);
        router.errorHandler(404, ctx -> Problem.send(ctx, 404, "Not Found",
                "no resource at " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> Problem.send(ctx, 405, "Method Not Allowed",
                "only GET is served: method=" + ctx.request().method()));
        router.errorHandler(500, ctx -> Problem.send(ctx, 500, "Internal Server Error",
                ctx.failure() == null ? "internal error" : ctx.failure().toString()));
        return router;
    }

    private boolean authorized(HttpServerRequest req) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = req.getHeader("authorization");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private void authorize(RoutingContext ctx) {
        if (authorized(ctx.request())) {
            ctx.next();
            return;
        }
        String given = ctx.request().getHeader("authorization");
        ctx.response().putHeader("www-authenticate", "Bearer");
        Problem.send(ctx, 401, "Unauthorized", given == null ? "the ID endpoints need an Authorization: Bearer token"
                : "the bearer token does not match");
    }

    private void ids(RoutingContext ctx) {
        long start = System.nanoTime();
        String countText = ctx.request().getParam("count");
        String formatText = ctx.request().getParam("format", "string");
        IdText format = IdText.named(formatText);
        String method = countText == null ? "single" : "batch";
        if (format == null) {
            fail(ctx, start, method, 400, "Bad Request", "format must be one of string, number, base32: format=" + formatText);
            return;
        }
        if (countText == null) {
            single(ctx.request().path(), ctx.response(), start, format);
            return;
        }
        long count = parseCount(countText);
        if (count < 1 || count > IdService.MAX_BATCH) {
            fail(ctx, start, method, 400, "Bad Request", "count must be 1.." + IdService.MAX_BATCH + ": count=" + countText);
            return;
        }
        if (count > EVENT_LOOP_BATCH_LIMIT) {
            vertx.executeBlocking(() -> batchBody((int) count, format), false)
                    .onSuccess(body -> batchOk(ctx, start, body))
                    .onFailure(e -> failWith(ctx.request().path(), ctx.response(), start, "batch", e));
        } else {
            try {
                batchOk(ctx, start, batchBody((int) count, format));
            } catch (RuntimeException e) {
                failWith(ctx.request().path(), ctx.response(), start, "batch", e);
            }
        }
    }

    private void single(String path, HttpServerResponse response, long start, IdText format) {
        long id;
        try {
            id = service.nextId();
        } catch (RuntimeException e) {
            failWith(path, response, start, "single", e);
            return;
        }
        json(response, 200, "{\"id\":" + format.render(id) + "}");
        singleOk.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The batch reply as bytes: for 100,000 IDs, a String and its UTF-8 copy cost more than the IDs. */
    private Buffer batchBody(int count, IdText format) {
        long[] ids = new long[count];
        int maxSequence = service.nextIds(ids, 0, count);
        AsciiJson out = new AsciiJson(count * 22 + 64);
        out.raw("{\"ids\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.raw(',');
            }
            format.append(out, ids[i]);
        }
        out.raw("],\"count\":").number(count).raw(",\"max_sequence\":").number(maxSequence).raw('}');
        return out.toBuffer();
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void decode(RoutingContext ctx) {
        String text = ctx.pathParam("id");
        DecodedId d;
        try {
            long id = text.length() == 13 && !text.chars().allMatch(Character::isDigit)
                    ? IdFormat.BASE32.parse(text) : IdFormat.DECIMAL.parse(text);
            d = service.decode(id);
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("id", Long.toString(d.id()));
        n.put("timestamp", ISO_MILLIS.format(d.timestamp()));
        n.put("timestamp_ms", d.timestamp().toEpochMilli());
        n.put("datacenter", d.datacenter());
        n.put("worker", d.worker());
        n.put("sequence", d.sequence());
        n.put("layout", d.layout());
        n.put("base32", IdFormat.BASE32.format(d.id()));
        json(ctx, 200, n.toString());
    }

    private void info(RoutingContext ctx) {
        BitLayout l = service.layout();
        ObjectNode n = JSON.createObjectNode();
        n.put("layout", l.name());
        n.put("bits", l.binaryView());
        n.put("tick_millis", l.tickMillis());
        n.put("epoch", ISO_MILLIS.format(l.epoch()));
        n.put("end_of_life", ISO_MILLIS.format(l.endOfLife()));
        n.put("ids_per_second_per_worker", l.idsPerSecondPerGenerator());
        n.put("datacenter", service.datacenter());
        n.put("worker", service.worker());
        n.put("max_batch", IdService.MAX_BATCH);
        json(ctx, 200, n.toString());
    }

    private void health(RoutingContext ctx) {
        Health h = service.health();
        ObjectNode n = JSON.createObjectNode();
        n.put("status", h.status());
        if (h.reason() != null) {
            n.put("reason", h.reason());
        }
        n.put("clock_drift_ms", h.clockDriftMs());
        n.put("datacenter", h.datacenter());
        n.put("worker", h.worker());
        n.put("lease_state", h.leaseState());
        n.put("ms_since_last_rollback", h.millisSinceLastRollback());
        json(ctx, h.canIssue() ? 200 : 503, n.toString());
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(service.registry().scrape());
    }

    private void batchOk(RoutingContext ctx, long start, Buffer body) {
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(body);
        batchOk.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private void failWith(String path, HttpServerResponse response, long start, String method, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            fail(path, response, start, method, 400, "Bad Request", e.getMessage());
        } else if (e instanceof IdGenerationException) {
            response.putHeader("retry-after", "1");
            fail(path, response, start, method, 503, "Service Unavailable", e.getMessage());
        } else {
            fail(path, response, start, method, 500, "Internal Server Error", e.toString());
        }
    }

    private void fail(RoutingContext ctx, long start, String method, int status, String title, String detail) {
        fail(ctx.request().path(), ctx.response(), start, method, status, title, detail);
    }

    /** Outcome labels follow gRPC's status names, so one dashboard reads both transports. */
    private void fail(String path, HttpServerResponse response, long start, String method, int status, String title,
                      String detail) {
        Problem.send(path, response, status, title, detail);
        String outcome = status == 400 ? "invalid_argument" : status == 503 ? "unavailable" : "internal";
        service.recordRequest("http", method, outcome, System.nanoTime() - start);
    }

    private static void json(RoutingContext ctx, int status, String body) {
        json(ctx.response(), status, body);
    }

    private static void json(HttpServerResponse r, int status, String body) {
        r.setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
