package io.idmint.hibernate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.idmint.core.BitLayout;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.hibernate.IdmintRegistry;
import io.idmint.testkit.Postgres;
import io.idmint.testkit.ProcCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/**
 * Persist throughput of one entity keyed three ways, in one run against one PostgreSQL (Debian's, on
 * 127.0.0.1, started here): {@code @IdmintId}, {@code GenerationType.SEQUENCE} with the pooled optimizer
 * (allocationSize 50) and a random UUIDv4 ({@code @UuidGenerator(style = RANDOM)}). Plain Hibernate
 * (no Spring), JDBC batches of {@code --batch} rows, one transaction per batch, {@code --threads} threads.
 *
 * <p>A warm-up round runs first and is not counted; then each round runs every variant once, in an order
 * rotated per round (so none always runs first or last while the machine warms or other jobs come and go),
 * each on a freshly truncated table. Reported per variant: median entities/s with the range over rounds,
 * and beside it the CPU each persisted entity cost: this JVM's (Hibernate, the driver, the generator, GC)
 * and PostgreSQL's (the server processes' user+system time from /proc), and the primary key index's size
 * per row at the end of a trial.
 *
 * <p>Run it with {@code bin/jpa-bench}; {@code --entities N} is per trial.
 */
public final class JpaBench {
    private record Variant(String name, String table, BiFunction<String, Long, Object> entity) {}

    private record Trial(double perSecond, double clientCpuMicros, double serverCpuMicros, double indexBytesPerRow) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("@IdmintId (bigint, k-sorted)", "bench_idmint", BenchIdmint::new),
            new Variant("SEQUENCE, pooled, allocationSize 50 (bigint)", "bench_sequence", BenchSequence::new),
            new Variant("@UuidGenerator RANDOM, UUIDv4 (uuid)", "bench_uuid", BenchUuid::new));

    private JpaBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int entities = Integer.parseInt(o.getOrDefault("entities", "50000"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "50"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", Integer.toString(Math.max(1000, entities / 5))));
        if (entities < threads || rounds < 1 || threads < 1 || batch < 1) {
            throw new IllegalArgumentException("need --entities >= --threads >= 1, --rounds >= 1, --batch >= 1");
        }
        System.out.printf(Locale.ROOT, "jpa-bench: %,d entities per trial, %d rounds (+1 warm-up of %,d), %d threads,"
                + " batches of %d; %d CPUs, Java %s%n", entities, rounds, warmup, threads, batch,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path state = Files.createTempDirectory("idmint-jpa-bench");
        Map<String, List<Trial>> results = new LinkedHashMap<>();
        VARIANTS.forEach(v -> results.put(v.name(), new ArrayList<>()));
        try (Postgres pg = Postgres.launch();
             HikariDataSource ds = dataSource(pg, threads);
             IdIssuer issuer = issuer(state);
             SessionFactory sf = sessionFactory(ds, issuer, batch)) {
            long postmaster = postmaster(pg);
            ProcCpu cpu = new ProcCpu(-1, ProcCpu.clockTicksPerSecond());
            for (int round = 0; round <= rounds; round++) {
                int n = round == 0 ? warmup : entities;
                for (int k = 0; k < VARIANTS.size(); k++) {
                    Variant v = VARIANTS.get((k + round) % VARIANTS.size());
                    Trial t = trial(sf, v, n, threads, batch, postmaster, cpu);
                    System.out.printf(Locale.ROOT, "%s %-46s %,10.0f entities/s  client %6.1f µs  server %6.1f µs"
                                    + "  pk index %5.1f B/row%n", round == 0 ? "warm-up " : "round " + round + " ", v.name(),
                            t.perSecond(), t.clientCpuMicros(), t.serverCpuMicros(), t.indexBytesPerRow());
                    if (round > 0) {
                        results.get(v.name()).add(t);
                    }
                }
            }
        } finally {
            IdmintRegistry.reset();
            deleteTree(state);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| key (%,d entities per trial, %d rounds, %d threads, batch %d) | entities/s, median"
                + " | range over rounds | JVM CPU per entity | PostgreSQL CPU per entity | pk index per row |%n",
                entities, rounds, threads, batch);
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Trial>> e : results.entrySet()) {
            List<Trial> ts = e.getValue();
            List<Double> rates = ts.stream().map(Trial::perSecond).sorted().toList();
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f..%,.0f | %.1f µs | %.1f µs | %.1f B |%n", e.getKey(),
                    median(rates), rates.get(0), rates.get(rates.size() - 1),
                    median(ts.stream().map(Trial::clientCpuMicros).toList()),
                    median(ts.stream().map(Trial::serverCpuMicros).toList()),
                    median(ts.stream().map(Trial::indexBytesPerRow).toList()));
        }
    }

    /** Truncates the variant's table, then persists {@code n} entities from {@code threads} threads. */
    private static Trial trial(SessionFactory sf, Variant v, int n, int threads, int batch, long postmaster, ProcCpu procCpu)
            throws Exception {
        sf.inTransaction(s -> s.createNativeMutationQuery("truncate table " + v.table()).executeUpdate());
        String payload = randomText(32);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long cpu0 = processCpuNanos();
            long server0 = procCpu.processTreeNanos(postmaster);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = n / threads + (t < n % threads ? 1 : 0);
                done.add(pool.submit(() -> persist(sf, v, share, batch, payload)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            long server = procCpu.processTreeNanos(postmaster) - server0;
            long[] sizes = new long[2];
            sf.inSession(s -> {
                sizes[0] = ((Number) s.createNativeQuery("select count(*) from " + v.table(), Long.class).getSingleResult())
                        .longValue();
                sizes[1] = ((Number) s.createNativeQuery("select pg_relation_size(i.indexrelid) from pg_index i where"
                        + " i.indrelid = '" + v.table() + "'::regclass and i.indisprimary", Long.class).getSingleResult()).longValue();
            });
            if (sizes[0] != n) {
                throw new IllegalStateException(v.table() + " holds " + sizes[0] + " rows after persisting " + n);
            }
            return new Trial(n / (wall / 1e9), cpu / 1e3 / n, server / 1e3 / n, sizes[1] / (double) n);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void persist(SessionFactory sf, Variant v, int count, int batch, String payload) {
        try (Session s = sf.openSession()) {
            Transaction tx = s.beginTransaction();
            for (int i = 1; i <= count; i++) {
                s.persist(v.entity().apply(payload, System.currentTimeMillis()));
                if (i % batch == 0 || i == count) {
                    tx.commit();
                    s.clear();
                    if (i < count) {
                        tx = s.beginTransaction();
                    }
                }
            }
        }
    }

    private static SessionFactory sessionFactory(HikariDataSource ds, IdIssuer issuer, int batch) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", ds)
                .applySetting("hibernate.hbm2ddl.auto", "create-drop")
                .applySetting("hibernate.jdbc.batch_size", batch)
                .applySetting("hibernate.order_inserts", true)
                .applySetting(IdmintRegistry.ISSUER, issuer)
                .build();
        return new MetadataSources(registry).addAnnotatedClass(BenchIdmint.class).addAnnotatedClass(BenchSequence.class)
                .addAnnotatedClass(BenchUuid.class).buildMetadata().buildSessionFactory();
    }

    /** What the starter would open for {@code idmint.generator.worker=1}: the default layout, a high-water mark file. */
    private static IdIssuer issuer(Path state) {
        IdGenerator g = IdGenerator.builder(BitLayout.DEFAULT).worker(1)
                .highWaterMark(HighWaterMarkStore.file(state.resolve("worker-dc0-w1.hwm"))).build();
        return IdIssuer.of(NamedGenerator.snowflake(IdIssuer.DEFAULT, g, LeaseReport.NONE));
    }

    private static HikariDataSource dataSource(Postgres pg, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.jdbcUrl());
        c.setUsername(pg.user());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        return new HikariDataSource(c);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long postmaster(Postgres pg) throws IOException {
        return Long.parseLong(Files.readAllLines(pg.directory().resolve("data/postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).trim());
    }

    private static String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: jpa-bench [--entities N] [--rounds R] [--threads T] [--batch B]"
                        + " [--warmup N]: " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
