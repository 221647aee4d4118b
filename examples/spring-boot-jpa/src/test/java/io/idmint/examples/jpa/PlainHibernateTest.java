package io.idmint.examples.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.idmint.core.BitLayout;
import io.idmint.core.HighWaterMarkStore;
import io.idmint.core.IdGenerator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.hibernate.IdmintRegistry;
import io.idmint.testkit.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;

/** The README's plain Hibernate bootstrap (no Spring), run as written, on the example's entity. */
class PlainHibernateTest {
    @Test
    void theReadmesBootstrapPersistsAnOrderWithItsKeyAndNumber() throws Exception {
        Path stateDir = Files.createTempDirectory("idmint-plain-hibernate");
        try (Postgres pg = Postgres.launch()) {
            String url = pg.jdbcUrl();
            // tag::plain[]
            IdGenerator keys = IdGenerator.builder(BitLayout.DEFAULT).worker(3)
                    .highWaterMark(HighWaterMarkStore.file(stateDir.resolve("worker-dc0-w3.hwm"))).build();
            IdGenerator numbers = IdGenerator.builder(BitLayout.preset("js-safe")).worker(3)
                    .highWaterMark(HighWaterMarkStore.file(stateDir.resolve("orders/worker-dc0-w3.hwm"))).build();
            IdIssuer issuer = IdIssuer.of(List.of(NamedGenerator.snowflake("default", keys, LeaseReport.NONE),
                    NamedGenerator.snowflake("orders", numbers, LeaseReport.NONE)));
            SessionFactory sessionFactory = new MetadataSources(new StandardServiceRegistryBuilder()
                    .applySetting(IdmintRegistry.ISSUER, issuer) // or IdmintRegistry.register(issuer) before building
                    .applySetting("hibernate.connection.url", url)
                    .applySetting("hibernate.connection.username", "postgres")
                    .applySetting("hibernate.hbm2ddl.auto", "update")
                    .build())
                    .addAnnotatedClass(Order.class)
                    .buildMetadata().buildSessionFactory();
            // end::plain[]
            try (issuer; sessionFactory) { // closed in reverse: the session factory first, then the generators
                Order order = new Order("tea", 2);
                sessionFactory.inTransaction(s -> s.persist(order));
                assertThat(BitLayout.DEFAULT.decode(order.getId()).worker()).isEqualTo(3);
                assertThat(BitLayout.preset("js-safe").decode(order.getNumber()).worker()).isEqualTo(3);
                assertThat(order.getNumber()).isLessThan(1L << 53);
                Order read = sessionFactory.fromTransaction(s -> s.find(Order.class, order.getId()));
                assertThat(read.getNumber()).isEqualTo(order.getNumber());
            }
        } finally {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
