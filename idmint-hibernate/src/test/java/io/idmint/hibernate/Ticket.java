package io.idmint.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A Long id from the default generator, a Long and a String column from generators by name. */
@Entity
public class Ticket {
    @Id
    @IdmintId
    Long id;

    @IdmintValue(generator = "orders")
    @Column(nullable = false, updatable = false)
    Long number;

    @IdmintValue
    @Column(length = 13, nullable = false, updatable = false)
    String ref;

    String note;

    protected Ticket() {}

    Ticket(String note) {
        this.note = note;
    }
}
