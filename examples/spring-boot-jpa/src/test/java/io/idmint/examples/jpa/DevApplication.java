package io.idmint.examples.jpa;

import io.idmint.testkit.Postgres;
import org.springframework.boot.SpringApplication;

/**
 * What {@code examples/spring-boot-jpa/run} starts when no {@code DATABASE_URL} is given: the example on a
 * throwaway PostgreSQL (Debian's postgresql-15, on a free 127.0.0.1 port, in a temporary directory that is
 * deleted when the JVM exits).
 */
public final class DevApplication {
    private DevApplication() {}

    public static void main(String[] args) throws Exception {
        Postgres pg = Postgres.launch(); // the test kit stops it and deletes its directory at JVM exit
        System.setProperty("spring.datasource.url", pg.jdbcUrl());
        System.setProperty("spring.datasource.username", pg.user());
        System.out.println("idmint example: throwaway PostgreSQL at " + pg.jdbcUrl() + " (deleted on exit)");
        SpringApplication.run(ExampleApplication.class, args);
    }
}
