package io.idmint.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.IdGeneratorType;

/**
 * An entity's identifier issued by an idmint generator when the entity is persisted: no database round
 * trip, no sequence, and IDs that grow with time (each thread's strictly increase), so the primary key's
 * index is appended to, not scattered into.
 *
 * <pre>{@code
 * @Entity
 * class Order {
 *     @Id @IdmintId Long id;                      // the default generator
 *     ...
 * }
 * @Id @IdmintId(generator = "orders") long id;    // a named generator (idmint.generators.orders...)
 * @Id @IdmintId String id;                         // 13 Crockford base32 symbols: sorts as the number does
 * @Id @IdmintId(generator = "uploads") UUID id;   // a uuid7 generator's RFC 9562 UUIDv7
 * }</pre>
 *
 * <p>Types: {@code Long} and {@code long} take a 64-bit scheme's ID (Snowflake, HLC, segments); {@code String}
 * takes any scheme's ID as text (64-bit IDs as 13 base32 symbols, fixed width, so text order is ID order;
 * UUIDv7 as its 36-character UUID; 128-bit IDs as 26 base32 symbols); {@code UUID} takes a {@code uuid7}
 * generator's IDs. Any other pairing fails when Hibernate builds the session factory, naming the field.
 *
 * <p>Where the generators come from, first match wins (see {@link IdmintRegistry}): the Hibernate setting
 * {@value IdmintRegistry#ISSUER} (an {@link io.idmint.core.issuing.IdIssuer}; the Spring Boot starter sets it),
 * the issuer given to {@link IdmintRegistry#register}, or a static generator opened from the settings or
 * system properties {@value IdmintRegistry#WORKER} (required), {@value IdmintRegistry#DATACENTER},
 * {@value IdmintRegistry#LAYOUT} and {@value IdmintRegistry#STATE_DIR}.
 */
@Documented
@IdGeneratorType(IdmintGenerator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface IdmintId {
    /** The generator's name ({@code orders}); empty for the default one. */
    String generator() default "";
}
