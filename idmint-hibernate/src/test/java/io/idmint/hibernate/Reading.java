package io.idmint.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A primitive long id from a named generator. */
@Entity
public class Reading {
    @Id
    @IdmintId(generator = "orders")
    long id;

    int value;

    protected Reading() {}

    Reading(int value) {
        this.value = value;
    }
}
