package io.idmint.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.ValueGenerationType;

/**
 * A column that is not the identifier but takes an idmint ID when the entity is inserted (and keeps it
 * on updates): a public order number beside a database key, an event's sortable reference. The types and
 * the way generators are found are those of {@link IdmintId}.
 *
 * <pre>{@code
 * @IdmintValue(generator = "orders") @Column(nullable = false, updatable = false, unique = true)
 * Long orderNumber;
 * }</pre>
 *
 * <p>The value is issued on every insert, replacing one the application set.
 */
@Documented
@ValueGenerationType(generatedBy = IdmintGenerator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface IdmintValue {
    /** The generator's name ({@code orders}); empty for the default one. */
    String generator() default "";
}
