package io.idmint.hibernate.bench;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * The same row keyed by a database sequence with Hibernate's pooled optimizer: one {@code nextval} per
 * 50 IDs (allocationSize 50 picks "pooled"), the usual JPA setup on PostgreSQL.
 */
@Entity
@Table(name = "bench_sequence")
public class BenchSequence {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_seq")
    @SequenceGenerator(name = "bench_seq", sequenceName = "bench_seq", allocationSize = 50)
    Long id;

    String payload;
    long createdAt;

    protected BenchSequence() {}

    public BenchSequence(String payload, long createdAt) {
        this.payload = payload;
        this.createdAt = createdAt;
    }
}
