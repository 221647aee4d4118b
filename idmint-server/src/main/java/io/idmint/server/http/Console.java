package io.idmint.server.http;

import io.idmint.server.IdService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web console: a page at {@code /}, its script and style under {@code /console/}, and the JSON it polls
 * at {@code /api/v1/stats} ({@link ConsoleStats}). The assets are read from the jar once, into memory, so
 * nothing is extracted to disk and no request touches the file system.
 *
 * <p><b>Tokens.</b> The page, its assets and the stats are open, as health and metrics are: they hold no ID
 * and issue nothing. What the page asks of the ID endpoints (the inspector decodes through
 * {@code /api/v1/ids/{id}}) goes through the API's own rule: with {@code http.token} set, the page sends the
 * token its user typed as {@code Authorization: Bearer}, and a missing or wrong token gets the API's 401.
 *
 * <p>The page loads nothing from elsewhere: every asset is served here, and its Content-Security-Policy lets
 * it connect to, and load from, this origin only.
 */
public final class Console {
    /** Where the assets live on the class path. */
    static final String ROOT = "/io/idmint/server/console/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final Map<String, Buffer> ASSETS = load();

    private Console() {}

    /** Adds the console's routes: {@code GET /}, {@code GET /console/:file} and {@code GET /api/v1/stats}. */
    public static void register(Router router, IdService service) {
        ConsoleStats stats = new ConsoleStats(service);
        router.get("/").handler(ctx -> asset(ctx, "index.html"));
        router.get("/console/:file").handler(ctx -> asset(ctx, ctx.pathParam("file")));
        router.get("/api/v1/stats").handler(ctx -> ctx.response().setStatusCode(200)
                .putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                .end(stats.json()));
    }

    private static void asset(RoutingContext ctx, String file) {
        Buffer body = ASSETS.get(file);
        if (body == null) {
            ctx.next(); // the router's 404 problem
            return;
        }
        HttpServerResponse r = ctx.response();
        r.putHeader("content-type", TYPES.get(file)).putHeader("cache-control", "no-cache")
                .putHeader("x-content-type-options", "nosniff").putHeader("referrer-policy", "no-referrer");
        if (file.equals("index.html")) {
            r.putHeader("content-security-policy", CSP).putHeader("x-frame-options", "DENY");
        }
        r.end(body);
    }

    private static Map<String, Buffer> load() {
        Map<String, Buffer> m = new java.util.HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = Console.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("console asset missing from the jar: " + ROOT + name);
                }
                m.put(name, Buffer.buffer(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(m);
    }
}
