package io.idmint.hibernate.bench;

import io.idmint.hibernate.IdmintId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The row every variant inserts, keyed by {@code @IdmintId}: a bigint from the process's generator. */
@Entity
@Table(name = "bench_idmint")
public class BenchIdmint {
    @Id
    @IdmintId
    Long id;

    String payload;
    long createdAt;

    protected BenchIdmint() {}

    public BenchIdmint(String payload, long createdAt) {
        this.payload = payload;
        this.createdAt = createdAt;
    }
}
