package io.idmint.examples.jpa;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders {"item": "tea", "quantity": 2}} stores an order; {@code GET /orders/{id}} reads one.
 * The key goes out as a string (it passes 2^53, beyond what a JavaScript number holds exactly); the order
 * number comes from a {@code js-safe} generator, 53 bits, so it goes out as a number.
 */
@RestController
class OrderController {
    record NewOrder(String item, int quantity) {}

    record OrderView(String id, long number, String item, int quantity) {
        static OrderView of(Order o) {
            return new OrderView(Long.toString(o.getId()), o.getNumber(), o.getItem(), o.getQuantity());
        }
    }

    private final OrderRepository orders;

    OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    @PostMapping("/orders")
    OrderView create(@RequestBody NewOrder order) {
        return OrderView.of(orders.save(new Order(order.item(), order.quantity())));
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<OrderView> find(@PathVariable long id) {
        return orders.findById(id).map(OrderView::of).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }
}
