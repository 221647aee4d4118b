package io.idmint.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** A UUID id from a uuid7 generator, and that generator's IDs as text in another column. */
@Entity
public class Upload {
    @Id
    @IdmintId(generator = "uploads")
    UUID id;

    @IdmintValue(generator = "uploads")
    @Column(length = 36, nullable = false)
    String ref;

    protected Upload() {}

    static Upload create() {
        return new Upload();
    }
}
