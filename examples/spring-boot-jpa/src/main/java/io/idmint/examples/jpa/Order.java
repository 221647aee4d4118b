package io.idmint.examples.jpa;

// tag::entity[]
import io.idmint.hibernate.IdmintId;
import io.idmint.hibernate.IdmintValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "orders")
public class Order {
    @Id
    @IdmintId                            // a k-sorted bigint from the default generator, issued in this process
    private Long id;

    @IdmintValue(generator = "orders")   // not the key: a number for people, from the generator named orders
    @Column(nullable = false, updatable = false, unique = true)
    private Long number;

    private String item;
    private int quantity;

    protected Order() {}

    public Order(String item, int quantity) {
        this.item = item;
        this.quantity = quantity;
    }

    public Long getId() { return id; }
    public Long getNumber() { return number; }
    public String getItem() { return item; }
    public int getQuantity() { return quantity; }
}
// end::entity[]
