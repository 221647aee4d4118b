package io.idmint.segment;

import io.idmint.testkit.Postgres;
import io.idmint.testkit.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL and one Redis shared by the tests that neither kill nor reconfigure them: every test gets its
 * own database or biz tag on them. They stop when the test JVM exits (the testkit's shutdown hooks); tests that
 * crash a server start their own.
 */
final class Servers {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicInteger TAGS = new AtomicInteger();
    private static Postgres postgres;
    private static Redis redis;

    private Servers() {}

    static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = launch(Postgres::launch);
        }
        return postgres;
    }

    static synchronized Redis redis() {
        if (redis == null) {
            redis = launch(Redis::launch);
        }
        return redis;
    }

    /** A fresh, empty database on the shared server. */
    static String newDatabase() {
        try {
            return postgres().createDatabase("seg_" + DATABASES.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A biz tag no other test uses, for tests sharing the Redis. */
    static String newTag(String prefix) {
        return prefix + "-" + TAGS.incrementAndGet();
    }

    static SegmentStore pgStore(String jdbcUrl) {
        return SegmentStore.postgres(jdbcUrl).user("postgres").build();
    }

    static SegmentStore redisStore() {
        return SegmentStore.redis(redis().uri()).build();
    }

    private interface Launch<T> {
        T get() throws IOException, InterruptedException;
    }

    private static <T> T launch(Launch<T> launch) {
        try {
            return launch.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
