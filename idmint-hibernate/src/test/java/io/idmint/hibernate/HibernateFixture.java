package io.idmint.hibernate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.UuidV7Generator;
import io.idmint.core.issuing.IdIssuer;
import io.idmint.core.issuing.LeaseReport;
import io.idmint.core.issuing.NamedGenerator;
import io.idmint.testkit.Postgres;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/** Plain Hibernate bootstrap (no Spring, no persistence.xml) against a real PostgreSQL on 127.0.0.1. */
final class HibernateFixture {
    private HibernateFixture() {}

    static HikariDataSource dataSource(Postgres pg, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.jdbcUrl());
        c.setUsername(pg.user());
        c.setMaximumPoolSize(size);
        return new HikariDataSource(c);
    }

    /** A session factory over {@code entities}, creating their tables, with {@code settings} on top. */
    static SessionFactory sessionFactory(HikariDataSource ds, Map<String, Object> settings, Class<?>... entities) {
        StandardServiceRegistryBuilder b = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", ds)
                .applySetting("hibernate.hbm2ddl.auto", "create-drop")
                .applySetting("hibernate.jdbc.batch_size", 50)
                .applySetting("hibernate.order_inserts", true);
        settings.forEach(b::applySetting);
        StandardServiceRegistry registry = b.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> e : entities) {
                sources.addAnnotatedClass(e);
            }
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** default: Snowflake worker 5; orders: Snowflake worker 6; uploads: UUIDv7 node 7. No state files. */
    static IdIssuer issuer(int defaultWorker) {
        IdGenerator d = IdGenerator.builder(BitLayout.DEFAULT).worker(defaultWorker).build();
        IdGenerator orders = IdGenerator.builder(BitLayout.DEFAULT).worker(6).build();
        return IdIssuer.of(List.of(NamedGenerator.snowflake("default", d, LeaseReport.NONE),
                NamedGenerator.snowflake("orders", orders, LeaseReport.NONE),
                NamedGenerator.uuidV7("uploads", UuidV7Generator.builder().node(7).build())));
    }
}
