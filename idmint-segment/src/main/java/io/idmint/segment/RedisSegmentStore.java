package io.idmint.segment;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link SegmentStore} on Redis: one hash per biz tag ({@code PREFIX tag:BIZ_TAG}: next_value, step, stride,
 * remainder, description, created_at, updated_at) and a set of the tags ({@code PREFIX tags}); every segment
 * operation is one Lua script ({@link RedisScripts}). One connection, opened on first use and replaced after
 * any connection failure, so a Redis that comes back is used again on the next call.
 */
final class RedisSegmentStore implements SegmentStore {
    private static final System.Logger LOG = System.getLogger(RedisSegmentStore.class.getName());

    private final RedisClient client;
    private final String location;
    private final int stride;
    private final int remainder;
    private final boolean requireDurable;
    private final String keyPrefix;
    private final String index;
    private StatefulRedisConnection<String, String> connection; // guarded by this
    private boolean closed; // guarded by this

    RedisSegmentStore(RedisStoreBuilder b) {
        RedisURI uri = RedisURI.create(b.uri);
        uri.setTimeout(b.timeout);
        this.location = withoutPassword(b.uri);
        this.stride = b.stride;
        this.remainder = b.remainder;
        this.requireDurable = b.requireDurable;
        this.keyPrefix = b.keyPrefix;
        this.index = b.keyPrefix + "tags";
        this.client = RedisClient.create(uri);
        // No reconnecting in the background (its back-off grows to 30 s) and no queueing while disconnected:
        // a command fails at once, the generator tries its next store, and the next call connects afresh.
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(b.timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(b.timeout)).build());
    }

    /** The URI as operators may see it: no password, e.g. {@code redis://127.0.0.1:6379/0}. */
    static String withoutPassword(String uri) {
        return uri.replaceFirst("^(rediss?://)[^@/]*@", "$1");
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int stride() {
        return stride;
    }

    @Override
    public int remainder() {
        return remainder;
    }

    private String hash(String bizTag) {
        return keyPrefix + "tag:" + bizTag;
    }

    @Override
    public long take(String bizTag, int step, long floor) {
        SegmentStore.checkBizTag(bizTag);
        SegmentStore.checkStep("step", step);
        long from = Checks.alignUp(floor, stride, remainder);
        long span = (long) step * stride;
        List<Object> reply = call(bizTag, r -> script(r, RedisScripts.TAKE, ScriptOutputType.MULTI,
                new String[] {hash(bizTag), index}, bizTag, Long.toString(from), Long.toString(span), Integer.toString(stride),
                Integer.toString(remainder), Integer.toString(step), Long.toString(Checks.alignUp(1, stride, remainder)),
                now(), "created on first use"));
        if ("mismatch".equals(reply.get(0))) {
            throw StrideMismatch.of(bizTag, location, parse(reply.get(1)), parse(reply.get(2)), stride, remainder);
        }
        return Long.parseLong((String) reply.get(1));
    }

    private static long parse(Object field) {
        try {
            return Long.parseLong(String.valueOf(field));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean giveBack(String bizTag, long expectedNext, long restoredNext) {
        SegmentStore.checkBizTag(bizTag);
        Long done = call(bizTag, r -> script(r, RedisScripts.GIVE_BACK, ScriptOutputType.INTEGER, new String[] {hash(bizTag)},
                Long.toString(expectedNext), Long.toString(restoredNext), Integer.toString(stride), Integer.toString(remainder),
                now()));
        return done == 1L;
    }

    @Override
    public boolean createKey(String bizTag, int step, String description, long firstValue) {
        SegmentStore.checkBizTag(bizTag);
        SegmentStore.checkStep("step", step);
        String d = Checks.description(description);
        Checks.rangeLong("firstValue", firstValue, 0, Long.MAX_VALUE / 2);
        Long created = call(bizTag, r -> script(r, RedisScripts.CREATE, ScriptOutputType.INTEGER,
                new String[] {hash(bizTag), index}, bizTag, Long.toString(Checks.alignUp(firstValue, stride, remainder)),
                Integer.toString(step), Integer.toString(stride), Integer.toString(remainder), d, now()));
        return created == 1L;
    }

    @Override
    public Optional<SegmentKey> key(String bizTag) {
        SegmentStore.checkBizTag(bizTag);
        return call(bizTag, r -> toKey(bizTag, r.hgetall(hash(bizTag))));
    }

    @Override
    public List<SegmentKey> keys() {
        return call(null, r -> {
            List<SegmentKey> all = new ArrayList<>();
            for (String tag : r.smembers(index)) {
                toKey(tag, r.hgetall(hash(tag))).ifPresent(all::add);
            }
            all.sort(Comparator.comparing(SegmentKey::bizTag));
            return List.copyOf(all);
        });
    }

    private static Optional<SegmentKey> toKey(String bizTag, Map<String, String> h) {
        if (h == null || h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentKey(bizTag, Long.parseLong(h.get("next_value")), Integer.parseInt(h.get("step")),
                Integer.parseInt(h.get("stride")), Integer.parseInt(h.get("remainder")), h.getOrDefault("description", ""),
                Instant.ofEpochMilli(Long.parseLong(h.getOrDefault("updated_at", "0")))));
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis());
    }

    /** EVALSHA, falling back to EVAL when Redis does not know the script (a restart empties its script cache). */
    private static <T> T script(RedisCommands<String, String> r, RedisScripts.Script s, ScriptOutputType type, String[] keys,
                                String... args) {
        try {
            return r.evalsha(s.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            return r.eval(s.text(), type, keys, args);
        }
    }

    /** One operation on the connection; failures become {@link SegmentException}s, and a broken connection is dropped. */
    private <T> T call(String bizTag, Function<RedisCommands<String, String>, T> work) {
        String subject = (bizTag == null ? "" : "biz tag '" + bizTag + "' on ") + "segment store " + location;
        StatefulRedisConnection<String, String> c = connection(subject);
        try {
            return work.apply(c.sync());
        } catch (RedisCommandExecutionException e) {
            throw commandFailed(subject, e);
        } catch (RedisException e) {
            drop(c);
            throw SegmentException.unavailable(subject + " unreachable: " + PostgresSegmentStore.rootMessage(e), e);
        }
    }

    private static SegmentException commandFailed(String subject, RedisCommandExecutionException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("overflow")) {
            return SegmentException.refused(subject + " has used up its values: the next segment would pass "
                    + Long.MAX_VALUE + " (" + m + ")", e);
        }
        if (m.startsWith("WRONGTYPE") || m.startsWith("NOPERM") || m.startsWith("NOAUTH") || m.startsWith("WRONGPASS")) {
            return SegmentException.refused(subject + " refused: " + m, e);
        }
        return SegmentException.unavailable(subject + " failed: " + m, e); // LOADING, READONLY, BUSY: it may pass
    }

    private synchronized StatefulRedisConnection<String, String> connection(String subject) {
        if (closed) {
            throw SegmentException.refused("segment store " + location + " is closed", null);
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        drop(connection);
        StatefulRedisConnection<String, String> c;
        try {
            c = client.connect();
        } catch (RedisException e) {
            throw SegmentException.unavailable(subject + " unreachable: " + PostgresSegmentStore.rootMessage(e), e);
        }
        try {
            checkDurable(c.sync());
        } catch (RuntimeException e) {
            c.closeAsync();
            throw e;
        }
        connection = c;
        return c;
    }

    private synchronized void drop(StatefulRedisConnection<String, String> c) {
        if (c != null) {
            c.closeAsync();
            if (connection == c) {
                connection = null;
            }
        }
    }

    /** Refuses (or warns about) a Redis whose acknowledged writes a crash could lose: see {@link RedisStoreBuilder}. */
    private void checkDurable(RedisCommands<String, String> r) {
        Map<String, String> config = new HashMap<>();
        try {
            // One parameter per CONFIG GET: Redis before 7.0 takes only one.
            config.putAll(r.configGet("appendonly"));
            config.putAll(r.configGet("appendfsync"));
            config.putAll(r.configGet("maxmemory-policy"));
        } catch (RedisCommandExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "segment store " + location + ": cannot read CONFIG (" + e.getMessage()
                    + "), as on a managed Redis; trusting that it runs with appendonly yes and appendfsync always, without"
                    + " which a crash of Redis can hand out IDs again");
            return;
        } catch (RedisException e) {
            throw SegmentException.unavailable("segment store " + location + " unreachable: "
                    + PostgresSegmentStore.rootMessage(e), e);
        }
        String appendOnly = config.getOrDefault("appendonly", "?");
        String appendFsync = config.getOrDefault("appendfsync", "?");
        String eviction = config.getOrDefault("maxmemory-policy", "noeviction");
        if (eviction.startsWith("allkeys-")) {
            refuseOrWarn("segment store " + location + " runs with maxmemory-policy " + eviction + ": Redis may evict a"
                    + " key's counter under memory pressure, and the next process would start it again at 1 and hand out"
                    + " IDs again (duplicates). Safe: noeviction or a volatile-* policy (the counters have no TTL)");
        }
        if ("yes".equals(appendOnly) && "always".equals(appendFsync)) {
            return;
        }
        String risk = "segment store " + location + " runs with appendonly " + appendOnly + " and appendfsync " + appendFsync
                + ": a crash of Redis would lose the segments taken since the last " + ("yes".equals(appendOnly)
                ? "fsync (up to a second with everysec)" : "snapshot") + " and hand their IDs out again (duplicates)."
                + " Safe: appendonly yes and appendfsync always (redis.conf, or CONFIG SET appendonly yes and CONFIG SET"
                + " appendfsync always)";
        refuseOrWarn(risk);
    }

    private void refuseOrWarn(String risk) {
        if (requireDurable) {
            throw SegmentException.refused(risk + "; to accept the risk, build the store with requireDurable(false)", null);
        }
        LOG.log(System.Logger.Level.WARNING, risk + "; running anyway, as configured with requireDurable(false)");
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            drop(connection);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "SegmentStore[redis " + location + ", stride " + stride + ", remainder " + remainder + "]";
    }
}
