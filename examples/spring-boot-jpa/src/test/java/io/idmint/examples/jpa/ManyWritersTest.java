package io.idmint.examples.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idmint.cli.Main;
import io.idmint.testkit.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 100,000 orders saved through Spring Data JPA from 4 threads at once into a real PostgreSQL (on 127.0.0.1):
 * every key unique, each thread's keys strictly increasing in the order it saved them, what the table holds
 * exactly what was issued, and every key and order number decoded by {@code idmint inspect} to this
 * application's worker, within the test's time.
 */
class ManyWritersTest {
    static final int THREADS = 4;
    static final int PER_THREAD = 25_000;
    static final int BATCH = 500;

    @Test
    void hundredThousandOrdersFromFourThreadsAreUniqueKSortedPerThreadAndDecodable() throws Exception {
        Path state = Files.createTempDirectory("idmint-example-state");
        try (Postgres pg = Postgres.launch();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(ExampleApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties("spring.main.banner-mode=off")
                     // arguments, not default properties: they must win over application.yaml's
                     .run("--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.user(),
                             "--spring.datasource.hikari.maximum-pool-size=" + THREADS, "--spring.jpa.hibernate.ddl-auto=create",
                             "--idmint.generator.state-dir=" + state)) {
            assertThat(state.resolve("worker-dc0-w1.hwm")).exists();
            assertThat(state.resolve("orders/worker-dc0-w1.hwm")).exists();
            OrderRepository repository = app.getBean(OrderRepository.class);
            long start = System.currentTimeMillis();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<long[]>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    long[] ids = new long[PER_THREAD];
                    for (int done = 0; done < PER_THREAD; done += BATCH) {
                        List<Order> batch = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(new Order("item-" + thread + "-" + (done + i), 1 + i % 5));
                        }
                        List<Order> saved = repository.saveAll(batch);
                        for (int i = 0; i < BATCH; i++) {
                            ids[done + i] = saved.get(i).getId();
                        }
                    }
                    return ids;
                }));
            }
            List<long[]> perThread = new ArrayList<>();
            for (Future<long[]> w : writers) {
                perThread.add(w.get());
            }
            pool.shutdown();
            long end = System.currentTimeMillis();

            // k-sorted per thread: each thread's keys strictly increase in the order it saved them
            for (long[] ids : perThread) {
                for (int i = 1; i < ids.length; i++) {
                    assertThat(ids[i]).as("key %d of a thread", i).isGreaterThan(ids[i - 1]);
                }
            }
            // unique across threads, and exactly what the table holds
            long[] all = perThread.stream().flatMapToLong(LongStream::of).sorted().toArray();
            assertThat(all).hasSize(THREADS * PER_THREAD);
            assertThat(LongStream.of(all).distinct().count()).isEqualTo(all.length);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long[] stored = jdbc.queryForList("select id from orders order by id", Long.class).stream().mapToLong(Long::longValue).toArray();
            assertThat(stored).isEqualTo(all);
            long[] numbers = jdbc.queryForList("select number from orders", Long.class).stream().mapToLong(Long::longValue).toArray();
            assertThat(LongStream.of(numbers).distinct().count()).isEqualTo(all.length);

            // decodable by `idmint inspect`: this application's worker and datacenter, issued during the test
            assertThat(inspect("default", all)).allSatisfy(d -> {
                assertThat(d.path("worker").asInt()).isEqualTo(1);
                assertThat(d.path("datacenter").asInt()).isZero();
                assertThat(d.path("timestamp_ms").asLong()).isBetween(start - 1, end + 1);
            });
            assertThat(inspect("js-safe", numbers)).allSatisfy(d -> {
                assertThat(d.path("worker").asInt()).isEqualTo(1);
                assertThat(d.path("timestamp_ms").asLong()).isBetween(start - 10, end + 10); // 10 ms ticks
            });
        } finally {
            try (Stream<Path> paths = Files.walk(state)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {@code idmint inspect --json --layout LAYOUT ID...}, run in-process: one decoded ID per line. */
    static List<JsonNode> inspect(String layout, long[] ids) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "--json", "--layout", layout));
        Arrays.stream(ids).mapToObj(Long::toString).forEach(args::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as("idmint inspect: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> decoded = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            decoded.add(json.readTree(line));
        }
        assertThat(decoded).hasSize(ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(decoded.get(i).path("id").asLong()).isEqualTo(ids[i]);
        }
        return decoded;
    }
}
