package io.idmint.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idmint.core.BitLayout;
import io.idmint.core.IdFormat;
import io.idmint.core.IsoTimestamps;
import io.idmint.core.issuing.BatchSize;
import io.idmint.core.issuing.ClockStatus;
import io.idmint.core.issuing.IssueFailure;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.server.Health;
import io.idmint.server.IdService;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP routes, built once per event loop. IDs are JSON strings by default because JavaScript numbers
 * lose 64-bit integers; {@code format=number} and {@code format=base32} are there for clients that can
 * take them.
 *
 * <p>Nothing here blocks the event loop: an ID request first tries to issue without waiting, and only a
 * request that would wait (for the next tick, a clock behind within the rollback bound, a high-water mark
 * write) or asks for more than {@value #EVENT_LOOP_BATCH_LIMIT} IDs moves to the {@code idmint-issue}
 * worker pool. Health, readiness and metrics therefore answer while a generator waits.
 */
public final class HttpApi {
    /** Larger batches always leave the event loop: writing them costs more than a loop turn should. */
    static final int EVENT_LOOP_BATCH_LIMIT = 4096;
    /** Threads that run ID requests which must wait; each waits at most the rollback bound. */
    static final int ISSUE_POOL_THREADS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
    private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("cache-control");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private final IdService service;
    private final byte[] expectedAuthorization;
    private final WorkerExecutor issuing;
    private final Map<String, Timer> okTimers = new HashMap<>();
    private final NamedGenerator defaultGenerator;
    private final Timer defaultSingleOk;

    private HttpApi(Vertx vertx, IdService service, String bearerToken) {
        this.service = service;
        this.expectedAuthorization = bearerToken == null ? null : ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        this.issuing = vertx.createSharedWorkerExecutor("idmint-issue", ISSUE_POOL_THREADS);
        for (NamedGenerator g : service.issuer().generators()) {
            for (String method : new String[] {"single", "batch"}) {
                okTimers.put(method + '|' + g.name(), service.requestTimer("http", method, g.name(), IdService.OK));
            }
        }
        this.defaultGenerator = service.issuer().defaultGenerator();
        this.defaultSingleOk = okTimers.get("single|" + defaultGenerator.name());
    }

    /**
     * The request handler: {@code GET /api/v1/ids} without a query, the hottest request by far, is
     * answered before routing (the router cost about a tenth of its time); everything else goes through
     * the router. Both paths share the same issuing code.
     */
    public static Handler<HttpServerRequest> handler(Vertx vertx, IdService service, String bearerToken) {
        HttpApi api = new HttpApi(vertx, service, bearerToken);
        Router router = api.router(vertx);
        return req -> {
            if (req.method() == HttpMethod.GET && req.query() == null && "/api/v1/ids".equals(req.path())
                    && api.authorized(req)) {
                api.issue(new Exchange(req.path(), req.response(), System.nanoTime(), api.defaultGenerator, BatchSize.ONE,
                        IdText.STRING, false));
            } else {
                router.handle(req);
            }
        };
    }

    /** The routes; {@code bearerToken} (nullable) protects the ID endpoints. */
    public static Router router(Vertx vertx, IdService service, String bearerToken) {
        return new HttpApi(vertx, service, bearerToken).router(vertx);
    }

    private Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/v1/ids").handler(this::authorize).handler(this::ids);
        router.get("/api/v1/ids/:id").handler(this::authorize).handler(this::decode);
        router.get("/api/v1/info").handler(this::info);
        router.get("/api/v1/generators").handler(this::generators);
        router.get("/api/v1/generators/:name").handler(this::generatorDetails);
        router.get("/api/v1/health").handler(this::health);
        router.get("/api/v1/health/ready").handler(this::health);
        router.get("/api/v1/health/live").handler(ctx -> json(ctx.response(), 200, "{\"status\":\"UP\"}"));
        router.get("/metrics").handler(this::metrics);
        Console.register(router, service); // the web console at /, open like /metrics; its ID lookups need the token
        router.errorHandler(404, ctx -> Problem.send(ctx, 404, "Not Found",
                "no resource at " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> Problem.send(ctx, 405, "Method Not Allowed",
                "only GET is served: method=" + ctx.request().method()));
        router.errorHandler(500, ctx -> HttpFailures.send(ctx.request().path(), ctx.response(), IssueFailure.of(
                ctx.failure() != null ? ctx.failure() : new IllegalStateException("route failed with status 500 and no cause"))));
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

    /**
     * One ID request, parsed: where the answer goes and what was asked. {@code batch} is the reply's shape
     * ({@code ids} and {@code max_sequence}): any request with {@code count}, even {@code count=1}.
     */
    private record Exchange(String path, HttpServerResponse response, long startNanos, NamedGenerator generator,
                            BatchSize count, IdText format, boolean batch) {
        String method() {
            return batch ? "batch" : "single";
        }
    }

    private void ids(RoutingContext ctx) {
        long start = System.nanoTime();
        MultiMap params = ctx.request().params();
        String countText = params.get("count");
        String method = countText == null ? "single" : "batch";
        Exchange x;
        try {
            NamedGenerator g = service.generator(params.get("generator"));
            IdText format = params.contains("format") ? IdText.named(params.get("format"), g) : IdText.STRING;
            BatchSize count = countText == null ? BatchSize.ONE : BatchSize.parse("count", countText);
            x = new Exchange(ctx.request().path(), ctx.response(), start, g, count, format, countText != null);
            if (params.contains("after")) {
                // The hybrid logical clock's merge: what is issued next sorts after the ID the caller saw.
                g.observe(g.codec().parse(params.get("after")));
            }
        } catch (RuntimeException e) {
            fail(ctx.request().path(), ctx.response(), start, method, generatorLabel(params.get("generator")), e);
            return;
        }
        issue(x);
    }

    /** Issues on the event loop when that needs no wait, else on the issuing pool; answers on the event loop. */
    private void issue(Exchange x) {
        int n = x.count().value();
        int words = x.generator().codec().words();
        if (n <= EVENT_LOOP_BATCH_LIMIT) {
            long[] ids = new long[n * words];
            int maxSequence;
            try {
                maxSequence = service.tryIssue(x.generator(), ids, 0, x.count());
            } catch (RuntimeException e) {
                fail(x.path(), x.response(), x.startNanos(), x.method(), x.generator().name(), e);
                return;
            }
            if (maxSequence >= 0) {
                answer(x, body(x, ids, maxSequence));
                return;
            }
        }
        issuing.executeBlocking(() -> {
            long[] ids = new long[n * words];
            return body(x, ids, service.issue(x.generator(), ids, 0, x.count()));
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                answer(x, done.result());
            } else {
                fail(x.path(), x.response(), x.startNanos(), x.method(), x.generator().name(), done.cause());
            }
        });
    }

    /** The reply as bytes: for 100,000 IDs, a String and its UTF-8 copy cost more than the IDs. */
    private static Buffer body(Exchange x, long[] ids, int maxSequence) {
        if (!x.batch()) {
            AsciiJson out = new AsciiJson(48);
            out.raw("{\"id\":");
            x.format().append(out, ids, 0, x.generator());
            return out.raw('}').toBuffer();
        }
        int count = x.count().value();
        AsciiJson out = new AsciiJson(count * (x.generator().codec().words() == 1 ? 22 : 40) + 64);
        out.raw("{\"ids\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.raw(',');
            }
            x.format().append(out, ids, i, x.generator());
        }
        out.raw("],\"count\":").number(count).raw(",\"max_sequence\":").number(maxSequence).raw('}');
        return out.toBuffer();
    }

    private void answer(Exchange x, Buffer body) {
        x.response().setStatusCode(200).putHeader(CONTENT_TYPE, JSON_TYPE).putHeader(CACHE_CONTROL, NO_STORE).end(body);
        okTimer(x).record(System.nanoTime() - x.startNanos(), TimeUnit.NANOSECONDS);
    }

    /** The default generator's single-ID timer without building a key: the hot path. */
    private Timer okTimer(Exchange x) {
        if (!x.batch() && x.generator() == defaultGenerator) {
            return defaultSingleOk;
        }
        return okTimers.get(x.method() + '|' + x.generator().name());
    }

    private void decode(RoutingContext ctx) {
        MultiMap params = ctx.request().params();
        try {
            NamedGenerator g = service.generator(params.get("generator"));
            String text = ctx.pathParam("id");
            long[] id = params.contains("format") && g.codec().words() == 1
                    ? new long[] {IdFormat.named(params.get("format")).parse(text)} : g.codec().parse(text);
            ObjectNode n = JSON.valueToTree(g.codec().describe(id));
            n.put("id", g.codec().text(id, 0)); // the HTTP face's rule: IDs are strings
            n.put("generator", g.name());
            n.put("scheme", g.scheme());
            json(ctx.response(), 200, n.toString());
        } catch (RuntimeException e) {
            HttpFailures.send(ctx.request().path(), ctx.response(), IssueFailure.of(e));
        }
    }

    private void info(RoutingContext ctx) {
        NamedGenerator g;
        try {
            g = service.generator(ctx.request().getParam("generator"));
        } catch (RuntimeException e) {
            HttpFailures.send(ctx.request().path(), ctx.response(), IssueFailure.of(e));
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("generator", g.name());
        n.put("scheme", g.scheme());
        n.put("id_bits", g.layout().map(BitLayout::totalBits).orElse(g.codec().words() * 64));
        g.layout().ifPresent(l -> {
            n.put("layout", l.name());
            n.put("bits", l.binaryView());
            n.put("tick_millis", l.tickMillis());
            n.put("epoch", IsoTimestamps.format(l.epoch()));
            n.put("end_of_life", IsoTimestamps.format(l.endOfLife()));
            n.put("ids_per_second_per_worker", l.idsPerSecondPerGenerator());
        });
        n.put("datacenter", g.datacenter());
        n.put("worker", g.worker());
        n.put("max_batch", BatchSize.MAX);
        service.issuer().generators().forEach(each -> n.withArray("generators").add(each.name()));
        json(ctx.response(), 200, n.toString());
    }

    private void generators(RoutingContext ctx) {
        ObjectNode n = JSON.createObjectNode();
        for (NamedGenerator g : service.issuer().generators()) {
            ObjectNode each = n.withArray("generators").addObject();
            each.put("name", g.name());
            each.put("scheme", g.scheme());
            each.put("ready", g.readiness().ready());
        }
        json(ctx.response(), 200, n.toString());
    }

    /** One generator's scheme, readiness and details; details may read a store, so this runs on the issuing pool. */
    private void generatorDetails(RoutingContext ctx) {
        NamedGenerator g;
        try {
            g = service.issuer().generator(ctx.pathParam("name"));
        } catch (RuntimeException e) {
            HttpFailures.send(ctx.request().path(), ctx.response(), IssueFailure.of(e));
            return;
        }
        issuing.executeBlocking(() -> {
            ObjectNode n = JSON.createObjectNode();
            n.put("name", g.name());
            n.put("scheme", g.scheme());
            n.put("ready", g.readiness().ready());
            if (!g.readiness().ready()) {
                n.put("reason", g.readiness().reason());
            }
            n.set("details", JSON.valueToTree(g.details()));
            return n.toString();
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                json(ctx.response(), 200, done.result());
            } else {
                HttpFailures.send(ctx.request().path(), ctx.response(), IssueFailure.of(done.cause()));
            }
        });
    }

    private void health(RoutingContext ctx) {
        Health h = service.health();
        ObjectNode n = JSON.createObjectNode();
        n.put("status", h.status());
        if (h.reason() != null) {
            n.put("reason", h.reason());
        }
        ClockStatus clock = h.clock();
        n.put("ntp_synchronized", clock.synchronizedOrNull());
        putMillis(n, "clock_error_estimate_ms", clock.errorEstimateMillis());
        putGenerator(n, h.defaultGenerator());
        ObjectNode each = n.putObject("generators");
        for (Health.GeneratorHealth g : h.generators()) {
            ObjectNode gn = each.putObject(g.name());
            gn.put("status", g.ready() ? "UP" : "DOWN");
            if (g.reason() != null) {
                gn.put("reason", g.reason());
            }
            putGenerator(gn, g);
        }
        json(ctx.response(), h.canIssue() ? 200 : 503, n.toString());
    }

    /** A figure in milliseconds, or null where it is unknown (-1). */
    private static void putMillis(ObjectNode n, String key, long millisOrMinusOne) {
        if (millisOrMinusOne < 0) {
            n.putNull(key);
        } else {
            n.put(key, millisOrMinusOne);
        }
    }

    private static void putGenerator(ObjectNode n, Health.GeneratorHealth g) {
        n.put("clock_lead_ms", g.clockLeadMs());
        n.put("clock_offset_to_peers_ms", g.offsetToPeersMs());
        putMillis(n, "clock_offset_to_peers_error_ms", g.offsetToPeersErrorMs());
        n.put("datacenter", g.datacenter());
        n.put("worker", g.worker());
        n.put("lease_state", g.leaseState());
        n.put("ms_since_last_rollback", g.millisSinceLastRollback());
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(service.registry().scrape());
    }

    private String generatorLabel(String requested) {
        try {
            return service.generator(requested).name();
        } catch (RuntimeException e) {
            return IdService.UNKNOWN_GENERATOR;
        }
    }

    /** Answers with the failure's row of {@link HttpFailures} and records it under the kind's outcome label. */
    private void fail(String path, HttpServerResponse response, long start, String method, String generator, Throwable e) {
        IssueFailure f = IssueFailure.of(e);
        HttpFailures.send(path, response, f);
        service.recordRequest("http", method, generator, IdService.outcome(f.kind()), System.nanoTime() - start);
    }

    private static void json(HttpServerResponse r, int status, String body) {
        r.setStatusCode(status).putHeader(CONTENT_TYPE, JSON_TYPE).end(body);
    }
}
