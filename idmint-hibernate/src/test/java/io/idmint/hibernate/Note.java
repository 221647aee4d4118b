package io.idmint.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Only the default generator: what an issuer opened from {@code idmint.worker} serves. */
@Entity
public class Note {
    @Id
    @IdmintId
    Long id;

    String text;

    protected Note() {}

    Note(String text) {
        this.text = text;
    }
}
