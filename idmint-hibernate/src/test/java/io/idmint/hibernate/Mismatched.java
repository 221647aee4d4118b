package io.idmint.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Entities whose mapping the generator must refuse when the session factory is built. */
final class Mismatched {
    private Mismatched() {}

    /** A generator name the issuer does not serve. */
    @Entity(name = "UnknownGenerator")
    public static class UnknownGenerator {
        @Id
        @IdmintId(generator = "ordrs")
        Long id;
    }

    /** A Long cannot hold a uuid7 generator's 128-bit IDs. */
    @Entity(name = "LongFromUuid7")
    public static class LongFromUuid7 {
        @Id
        @IdmintId(generator = "uploads")
        Long id;
    }

    /** A UUID field needs a uuid7 generator. */
    @Entity(name = "UuidFromSnowflake")
    public static class UuidFromSnowflake {
        @Id
        @IdmintId
        UUID id;
    }

    /** An Integer cannot hold a 64-bit ID. */
    @Entity(name = "IntegerId")
    public static class IntegerId {
        @Id
        @IdmintId
        Integer id;
    }
}
