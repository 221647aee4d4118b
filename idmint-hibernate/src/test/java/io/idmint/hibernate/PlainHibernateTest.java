package io.idmint.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.idmint.core.BitLayout;
import io.idmint.core.DecodedId;
import io.idmint.core.IdFormat;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.testkit.Postgres;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @IdmintId} and {@code @IdmintValue} under plain Hibernate (no Spring) on a real PostgreSQL: each
 * supported field type, each way of finding the generators, and the mappings refused at boot.
 */
class PlainHibernateTest {
    static Postgres pg;
    static HikariDataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = Postgres.launch();
        ds = HibernateFixture.dataSource(pg, 4);
    }

    @AfterAll
    static void stop() {
        if (ds != null) {
            ds.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void forget() {
        IdmintRegistry.reset();
    }

    @Test
    void everyFieldTypeTakesItsGeneratorsIdsFromTheIssuerInTheSettings() {
        try (IdIssuer issuer = HibernateFixture.issuer(5);
             SessionFactory sf = HibernateFixture.sessionFactory(ds, Map.of(IdmintRegistry.ISSUER, issuer), Ticket.class,
                     Reading.class, Label.class, Upload.class)) {
            List<Ticket> tickets = new ArrayList<>();
            List<Reading> readings = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            List<Upload> uploads = new ArrayList<>();
            sf.inTransaction(s -> {
                for (int i = 0; i < 200; i++) {
                    Ticket t = new Ticket("t" + i);
                    s.persist(t);
                    tickets.add(t);
                    Reading r = new Reading(i);
                    s.persist(r);
                    readings.add(r);
                    Label l = new Label("l" + i);
                    s.persist(l);
                    labels.add(l);
                    Upload u = Upload.create();
                    s.persist(u);
                    uploads.add(u);
                }
            });
            long start = System.currentTimeMillis() - 60_000;
            // Long id and String column from the default generator (worker 5), Long column from orders (worker 6)
            assertIncreasing(tickets.stream().map(t -> t.id).toList());
            assertThat(tickets).allSatisfy(t -> {
                assertThat(decode(t.id).worker()).isEqualTo(5);
                assertThat(decode(t.id).timestamp().toEpochMilli()).isGreaterThan(start);
                assertThat(decode(t.number).worker()).isEqualTo(6);
                assertThat(t.ref).hasSize(13);
                assertThat(decode(IdFormat.BASE32.parse(t.ref)).worker()).isEqualTo(5);
            });
            // primitive long from a named generator
            assertIncreasing(readings.stream().map(r -> r.id).toList());
            assertThat(readings).allSatisfy(r -> assertThat(decode(r.id).worker()).isEqualTo(6));
            // String id: fixed-width base32, so text order is issue order
            List<String> labelIds = labels.stream().map(l -> l.id).toList();
            assertThat(labelIds).allSatisfy(id -> assertThat(id).hasSize(13));
            assertThat(labelIds).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
            assertIncreasing(labelIds.stream().map(IdFormat.BASE32::parse).toList());
            // UUID id from a uuid7 generator: version 7, node 7; its text in another column
            assertThat(uploads).allSatisfy(u -> {
                assertThat(u.id.version()).isEqualTo(7);
                assertThat(UuidV7Generator.nodeOf(u.id.getLeastSignificantBits())).isEqualTo(7);
                assertThat(UuidV7Generator.nodeOf(UUID.fromString(u.ref).getLeastSignificantBits())).isEqualTo(7);
            });
            assertThat(uploads.stream().map(u -> u.id).toList()).isSortedAccordingTo(Comparator.naturalOrder());

            // what the database holds is what was issued
            sf.inSession(s -> {
                Ticket first = s.find(Ticket.class, tickets.get(0).id);
                assertThat(first.number).isEqualTo(tickets.get(0).number);
                assertThat(first.ref).isEqualTo(tickets.get(0).ref);
                assertThat(s.find(Label.class, labelIds.get(7)).text).isEqualTo("l7");
                assertThat(s.find(Upload.class, uploads.get(3).id).ref).isEqualTo(uploads.get(3).ref);
                assertThat(s.createSelectionQuery("select count(distinct id) from Ticket", Long.class).getSingleResult())
                        .isEqualTo(200L);
            });
        }
    }

    @Test
    void theRegisteredIssuerServesBootstrapsWithoutTheSetting() {
        try (IdIssuer issuer = HibernateFixture.issuer(9)) {
            IdmintRegistry.register(issuer);
            try (SessionFactory sf = HibernateFixture.sessionFactory(ds, Map.of(), Ticket.class)) {
                Ticket t = new Ticket("registered");
                sf.inTransaction(s -> s.persist(t));
                assertThat(decode(t.id).worker()).isEqualTo(9);
            }
            assertThat(IdmintRegistry.unregister(issuer)).isTrue();
        }
    }

    @Test
    void workerPropertiesOpenAStaticGeneratorThatStoresItsExactMarkWhenReset() throws Exception {
        Path state = Files.createTempDirectory("idmint-hibernate-state");
        String before = System.getProperty(IdmintRegistry.DATACENTER);
        System.setProperty(IdmintRegistry.DATACENTER, "2"); // a system property ...
        try (SessionFactory sf = HibernateFixture.sessionFactory(ds, Map.of(IdmintRegistry.WORKER, "11", // ... and settings
                IdmintRegistry.STATE_DIR, state.toString()), Note.class)) {
            List<Long> ids = new ArrayList<>();
            sf.inTransaction(s -> {
                for (int i = 0; i < 50; i++) {
                    Note n = new Note("p" + i);
                    s.persist(n);
                    ids.add(n.id);
                }
            });
            assertThat(ids).allSatisfy(id -> {
                assertThat(decode(id).worker()).isEqualTo(11);
                assertThat(decode(id).datacenter()).isEqualTo(2);
            });
            assertIncreasing(ids);
            Path mark = state.resolve("worker-dc2-w11.hwm");
            // while open, the mark reserves ahead of the clock; closed, it holds the last timestamp used, exactly
            IdmintRegistry.reset();
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(mark)));
            long lastTimestamp = decode(ids.get(ids.size() - 1)).timestamp().toEpochMilli();
            assertThat(Long.parseLong(p.getProperty("reservedUntilMillis"))).isEqualTo(lastTimestamp);
        } finally {
            if (before == null) {
                System.clearProperty(IdmintRegistry.DATACENTER);
            } else {
                System.setProperty(IdmintRegistry.DATACENTER, before);
            }
            IdmintRegistry.reset();
            deleteTree(state);
        }
    }

    @Test
    void mappingsTheGeneratorCannotServeFailTheBootNamingTheField() {
        try (IdIssuer issuer = HibernateFixture.issuer(5)) {
            Map<String, Object> settings = Map.of(IdmintRegistry.ISSUER, issuer);
            assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, settings, Mismatched.UnknownGenerator.class))
                    .satisfies(e -> assertThat(messages(e)).contains("@IdmintId(generator = \"ordrs\") on "
                            + Mismatched.UnknownGenerator.class.getName() + ".id").contains("default, orders, uploads"));
            assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, settings, Mismatched.LongFromUuid7.class))
                    .satisfies(e -> assertThat(messages(e)).contains("LongFromUuid7.id").contains("128-bit IDs")
                            .contains("declare the field String or UUID"));
            assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, settings, Mismatched.UuidFromSnowflake.class))
                    .satisfies(e -> assertThat(messages(e)).contains("UuidFromSnowflake.id").contains("uuid7"));
            assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, settings, Mismatched.IntegerId.class))
                    .satisfies(e -> assertThat(messages(e)).contains("IntegerId.id").contains("java.lang.Integer"));
        }
        // no issuer, nothing registered, no worker: the message says how to provide one
        assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, Map.of(), Note.class))
                .satisfies(e -> assertThat(messages(e)).contains("Note.id has no idmint generators")
                        .contains(IdmintRegistry.ISSUER).contains("IdmintRegistry.register").contains("-Didmint.worker=3"));
        assertThatThrownBy(() -> HibernateFixture.sessionFactory(ds, Map.of(IdmintRegistry.WORKER, "9999"), Note.class))
                .satisfies(e -> assertThat(messages(e)).contains("idmint.worker must be 0..31").contains("idmint.worker=9999"));
        assertThat(Path.of("data", "worker-dc0-w9999.hwm.lock")).as("a refused worker opens no mark file").doesNotExist();
    }

    static DecodedId decode(long id) {
        return BitLayout.DEFAULT.decode(id);
    }

    static void assertIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("ID %d of %d", i, ids.size()).isGreaterThan(ids.get(i - 1));
        }
    }

    /** Every message of the cause chain: Hibernate wraps what a generator's constructor throws. */
    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
