package io.idmint.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A String id: the default generator's 64-bit IDs as 13 base32 symbols. */
@Entity
public class Label {
    @Id
    @IdmintId
    @Column(length = 13)
    String id;

    String text;

    protected Label() {}

    Label(String text) {
        this.text = text;
    }
}
