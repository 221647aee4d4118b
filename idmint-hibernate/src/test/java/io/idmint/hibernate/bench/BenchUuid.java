package io.idmint.hibernate.bench;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** The same row keyed by a random UUIDv4 ({@code @UuidGenerator(style = RANDOM)}), a PostgreSQL {@code uuid}. */
@Entity
@Table(name = "bench_uuid")
public class BenchUuid {
    @Id
    @UuidGenerator(style = UuidGenerator.Style.RANDOM)
    UUID id;

    String payload;
    long createdAt;

    protected BenchUuid() {}

    public BenchUuid(String payload, long createdAt) {
        this.payload = payload;
        this.createdAt = createdAt;
    }
}
