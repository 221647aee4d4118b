package io.idmint.examples.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA: {@code save} persists, and Hibernate asks idmint for the key. */
public interface OrderRepository extends JpaRepository<Order, Long> {}
