package io.idmint.examples.jpa;

// tag::inject[]
import io.idmint.core.IdGenerator;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IdController {
    private final IdGenerator ids;     // the default generator (idmint.generator.*)
    private final IdGenerator orders;  // the generator named orders (idmint.generators.orders.*)

    IdController(IdGenerator ids, @Qualifier("orders") IdGenerator orders) {
        this.ids = ids;
        this.orders = orders;
    }

    @GetMapping("/ids/next")
    Map<String, String> next() {
        return Map.of("id", Long.toString(ids.nextId()), "order", Long.toString(orders.nextId()));
    }
}
// end::inject[]
